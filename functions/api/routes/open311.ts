/** Open311 GeoReport v2 over questions to bodies (filled in below this commit). */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../env';

export const open311Routes = new OpenAPIHono<AppEnv>();
