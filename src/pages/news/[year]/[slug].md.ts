import { reportFileRoute } from '../../../formats/report-file-route.ts';

export const { getStaticPaths, GET } = reportFileRoute('md');
