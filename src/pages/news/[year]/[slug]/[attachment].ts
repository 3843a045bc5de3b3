import { attachmentFileRoute } from '../../../../formats/attachment-file-route.ts';

export const { getStaticPaths, GET } = attachmentFileRoute;
