import { describe, expect, it } from 'vitest';
import { AppError, notFound } from './errors.ts';

describe('a domain error names its message for the web', () => {
  it('carries a message key and its parameters in details, beside the code and what details it had', () => {
    const error = new AppError(
      'conflict',
      'You already have an open complaint on product 12',
      { field: 'productId' },
      { key: 'complaint_open', params: { productId: 12 } },
    );
    expect(error.code).toBe('conflict');
    expect(error.status).toBe(409);
    expect(error.details).toEqual({ field: 'productId', key: 'complaint_open', params: { productId: 12 } });
  });

  it('keeps details as given when the code says enough', () => {
    expect(new AppError('out_of_stock', 'sku 3: 0 left', { skuId: 3 }).details).toEqual({ skuId: 3 });
  });

  it('names what was not found', () => {
    expect(notFound('live session', 7).details).toEqual({
      resource: 'live session',
      id: 7,
      key: 'not_found',
      params: { resource: 'live session', id: 7 },
    });
  });
});
