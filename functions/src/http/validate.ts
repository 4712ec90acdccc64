// zod validation for routes, failing with our own bad_request error instead of the library's body.
import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import type { z } from 'zod';
import { AppError } from '../domain/errors.js';

export function valid<T extends z.ZodType, Target extends keyof ValidationTargets>(target: Target, schema: T) {
  return zValidator(target, schema, (result) => {
    if (!result.success) {
      const issues = result.error.issues.map((i) => `${i.path.map(String).join('.') || target}: ${i.message}`).join('; ');
      throw new AppError('bad_request', issues);
    }
  });
}
