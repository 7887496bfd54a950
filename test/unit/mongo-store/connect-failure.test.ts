import { describe, expect, it } from 'vitest';
import { connectFailure, indexFailure, transactionSupportProblem } from '../../../src/adapters/store/mongo-store/connect-failure.js';

describe('connect failures', () => {
  it('when connecting fails, then the message masks the password, keeps the cause and says what to check', () => {
    const cause = new Error('connect ECONNREFUSED 10.0.0.5:27017');
    const error = connectFailure('mongodb://jx:hunter2@10.0.0.5:27017/jiangxin', cause);
    expect(error.message).toContain('mongodb://jx:****@10.0.0.5:27017/jiangxin');
    expect(error.message).toContain('ECONNREFUSED');
    expect(error.message).not.toContain('hunter2');
    expect(error.message).toMatch(/replica set/);
    expect(error.cause).toBe(cause);
  });

  it('when indexes cannot be created, then the message names the collection and masks the URL', () => {
    const error = indexFailure('mongodb://jx:hunter2@db/jiangxin', 'users', new Error('E11000 duplicate key error'));
    expect(error.message).toMatch(/"users"/);
    expect(error.message).not.toContain('hunter2');
  });

  it('when the server is a replica-set member or mongos, then transactions are possible', () => {
    expect(transactionSupportProblem({ isWritablePrimary: true, setName: 'rs0' })).toBeNull();
    expect(transactionSupportProblem({ isWritablePrimary: true, msg: 'isdbgrid' })).toBeNull();
  });

  it('when the server is a standalone mongod, then the problem is named', () => {
    expect(transactionSupportProblem({ isWritablePrimary: true, maxWireVersion: 21 })).toMatch(/standalone/);
  });
});

describe('connect failures quoting the URL', () => {
  it('when the driver quotes the connection string, then the quote is masked too', () => {
    const uri = 'mongodb://jx:hunter2@db:27017/jiangxin';
    const error = connectFailure(uri, new Error(`Invalid connection string "${uri}"`));
    expect(error.message).not.toContain('hunter2');
  });
});
