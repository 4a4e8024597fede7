import express from 'express';

/** 429 with Retry-After, in Backstage's error body, so that the frontend's ResponseError reads it. */
export function tooManyRequests(
  req: express.Request,
  res: express.Response,
  retryAfterSeconds: number,
  message: string,
): void {
  res
    .status(429)
    .set('Retry-After', String(retryAfterSeconds))
    .json({
      error: { name: 'TooManyRequestsError', message },
      request: { method: req.method, url: req.originalUrl },
      response: { statusCode: 429 },
    });
}
