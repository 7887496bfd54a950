import mongoose from 'mongoose';
import { describe, expect, it } from 'vitest';
import { hasErrorLabel, translateError } from '../../../src/adapters/store/mongo-store/translate-error.js';
import { AppError, DuplicateKeyError, UnavailableError } from '../../../src/errors.js';

const { MongoBulkWriteError, MongoNetworkError, MongoServerError, MongoServerSelectionError } = mongoose.mongo;

/** The driver's WriteError is not exported: it keeps the server's entry under `err` and reads it through getters. */
class DriverWriteError {
  constructor(readonly err: Record<string, unknown>) {}
  get code() {
    return this.err.code;
  }
  get index() {
    return this.err.index;
  }
  get errmsg() {
    return this.err.errmsg;
  }
}

const bulkDuplicate = (errmsg: string, code = 11000) => {
  const writeError = new DriverWriteError({ index: 1, code, errmsg, op: { _id: 'u5' } });
  return new MongoBulkWriteError({ message: errmsg, code, writeErrors: [writeError] } as never, {} as never);
};

describe('translateError', () => {
  it('when a single write hits a unique index, then it becomes DuplicateKeyError with the keyPattern fields', () => {
    const error = new MongoServerError({
      code: 11000,
      errmsg: 'E11000 duplicate key error collection: jiangxin.users index: username_1 dup key: { username: "张伟" }',
      keyPattern: { username: 1 },
      keyValue: { username: '张伟' },
    });
    const translated = translateError(error, 'users');
    expect(translated).toBeInstanceOf(DuplicateKeyError);
    expect(translated).toMatchObject({ collection: 'users', keys: ['username'], kind: 'conflict', code: 'DUPLICATE_KEY', cause: error });
  });

  it('when a compound unique index is hit, then every field is named in index order', () => {
    const error = new MongoServerError({
      code: 11000,
      errmsg: 'E11000 duplicate key error collection: jiangxin.notifications index: eventId_1_userId_1_channel_1 dup key: { … }',
      keyPattern: { eventId: 1, userId: 1, channel: 1 },
      keyValue: { eventId: 'e1', userId: 'u1', channel: 'sms' },
    });
    expect(translateError(error, 'notifications')).toMatchObject({ keys: ['eventId', 'userId', 'channel'] });
  });

  it('when the _id is taken, then the key is _id', () => {
    const error = new MongoServerError({
      code: 11000,
      errmsg: 'E11000 duplicate key error collection: jiangxin.orders index: _id_ dup key: { _id: "o1" }',
      keyPattern: { _id: 1 },
      keyValue: { _id: 'o1' },
    });
    expect(translateError(error, 'orders')).toMatchObject({ collection: 'orders', keys: ['_id'] });
  });

  it('when an ordered insertMany fails on a duplicate, then the bulk write error becomes DuplicateKeyError from its index name', () => {
    const error = bulkDuplicate('E11000 duplicate key error collection: jiangxin.users index: username_1 dup key: { username: "张伟" }');
    expect(error.name).toBe('MongoBulkWriteError');
    const translated = translateError(error, 'users');
    expect(translated).toBeInstanceOf(DuplicateKeyError);
    expect(translated).toMatchObject({ collection: 'users', keys: ['username'] });
  });

  it('when a bulk duplicate is on a declared compound index, then the fields come from COLLECTIONS', () => {
    const error = bulkDuplicate('E11000 duplicate key error collection: jiangxin.points index: orderId_1_craftsmanId_1_rule_1 dup key: { … }');
    expect(translateError(error, 'points')).toMatchObject({ keys: ['orderId', 'craftsmanId', 'rule'] });
  });

  it('when the legacy code 11001 or a bulk _id duplicate arrives, then it is a DuplicateKeyError too', () => {
    expect(translateError(bulkDuplicate('E11000 duplicate key error collection: db.t index: _id_ dup key: { _id: "a" }'), 't')).toMatchObject({ keys: ['_id'] });
    expect(translateError(bulkDuplicate('E11001 duplicate key on update index: name_1', 11001), 't')).toMatchObject({ keys: ['name'] });
  });

  it('when no collection is given, then it is read from the server message', () => {
    const error = bulkDuplicate('E11000 duplicate key error collection: jiangxin.enterprises index: creditCode_1 dup key: { creditCode: "9131" }');
    expect(translateError(error)).toMatchObject({ collection: 'enterprises', keys: ['creditCode'] });
  });

  it('when the server cannot be reached, then it becomes UnavailableError', () => {
    const selection = new MongoServerSelectionError('Server selection timed out after 5000 ms', {} as never);
    expect(translateError(selection, 'orders')).toBeInstanceOf(UnavailableError);
    const network = new MongoNetworkError('connection 3 to 10.0.0.5:27017 closed');
    expect(translateError(network, 'orders')).toMatchObject({ kind: 'unavailable', cause: network });
  });

  it('when a transient error happens inside a transaction, then it passes through so the driver can retry', () => {
    const network = new MongoNetworkError('connection reset');
    network.addErrorLabel('TransientTransactionError');
    expect(hasErrorLabel(network, 'TransientTransactionError')).toBe(true);
    expect(translateError(network, 'orders', { insideTransaction: true })).toBe(network);
    expect(translateError(network, 'orders')).toBeInstanceOf(UnavailableError);
  });

  it('when the error is anything else, then it is returned unchanged', () => {
    const validation = new MongoServerError({ code: 2, errmsg: 'unknown operator: $foo' });
    expect(translateError(validation, 'orders')).toBe(validation);
    const plain = new Error('boom');
    expect(translateError(plain, 'orders')).toBe(plain);
    const appError = new AppError({ kind: 'invalid', code: 'MISSING_ID', message: 'x' });
    expect(translateError(appError, 'orders')).toBe(appError);
    expect(translateError('text', 'orders')).toBe('text');
    expect(translateError(null, 'orders')).toBeNull();
  });
});
