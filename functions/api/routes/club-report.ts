/**
 * The club's public report (issue 21, part 8): the figures of a quarter or a year as JSON (with the
 * audit chain head they were computed from) and as CSV. The print page `/club/report/<period>` in
 * the web app reads the JSON; its URL is the report's permanent address.
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { clubReport } from '../../services/club-report';
import { defineRoute } from '../auth';
import type { AppEnv } from '../env';
import { problemResponses } from '../openapi';
import { ClubReport, ReportPeriod, reportCsv } from '../schemas/club-report';

const Query = z.object({ period: ReportPeriod });

export const clubReportRoutes = new OpenAPIHono<AppEnv>()
  .openapi(
    defineRoute('sessions.read', {
      method: 'get',
      path: '/club/report',
      tags: ['sessions'],
      summary: 'The club’s report for a quarter (2026-Q3) or a year (2026), with the chain head it used',
      request: { query: Query },
      responses: {
        200: {
          description: 'The report',
          content: { 'application/json': { schema: ClubReport.openapi('ClubReport') } },
        },
        ...problemResponses(400, 503),
      },
    }),
    async (c) =>
      c.json(await clubReport(c.var.deps.store, c.req.valid('query').period, c.var.deps.now()), 200),
  )
  .openapi(
    defineRoute('sessions.read', {
      method: 'get',
      path: '/club/report.csv',
      tags: ['sessions'],
      summary: 'The report’s figures as CSV (figure,value)',
      request: { query: Query },
      responses: {
        200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } },
        ...problemResponses(400, 503),
      },
    }),
    async (c) => {
      const { period } = c.req.valid('query');
      const report = await clubReport(c.var.deps.store, period, c.var.deps.now());
      return c.body(reportCsv(report), 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="club-report-${period}.csv"`,
      });
    },
  );
