import { describe, expect, it } from 'vitest';
import { maskUrl } from '../../../src/adapters/store/mongo-store/mask-url.js';

describe('maskUrl', () => {
  it('when the URL has a password, then only the password is masked', () => {
    expect(maskUrl('mongodb://user:s3cret@host/db')).toBe('mongodb://user:****@host/db');
    expect(maskUrl('mongodb+srv://jx:p%40ss@cluster0.example.net/jiangxin?retryWrites=true')).toBe(
      'mongodb+srv://jx:****@cluster0.example.net/jiangxin?retryWrites=true',
    );
  });

  it('when the URL names several hosts, then every host stays visible', () => {
    expect(maskUrl('mongodb://app:pw@db1:27017,db2:27017,db3:27017/jiangxin?replicaSet=rs0&authSource=admin')).toBe(
      'mongodb://app:****@db1:27017,db2:27017,db3:27017/jiangxin?replicaSet=rs0&authSource=admin',
    );
  });

  it('when the password holds unencoded "@" or "/", then none of it leaks', () => {
    const masked = maskUrl('mongodb://app:p@ss/w0rd@db1:27017/jiangxin');
    expect(masked).toBe('mongodb://app:****@db1:27017/jiangxin');
    expect(masked).not.toContain('w0rd');
  });

  it('when secrets travel as query parameters, then their values are masked', () => {
    expect(maskUrl('mongodb://db1/jx?tls=true&tlsCertificateKeyFilePassword=abc&authMechanismProperties=TOKEN_RESOURCE:x')).toBe(
      'mongodb://db1/jx?tls=true&tlsCertificateKeyFilePassword=****&authMechanismProperties=****',
    );
  });

  it('when there are no credentials, then the URL is unchanged', () => {
    expect(maskUrl('mongodb://localhost:27017/jiangxin')).toBe('mongodb://localhost:27017/jiangxin');
    expect(maskUrl('mongodb://x509user@host/db?authMechanism=MONGODB-X509')).toBe('mongodb://x509user@host/db?authMechanism=MONGODB-X509');
    expect(maskUrl('not a url')).toBe('not a url');
  });
});
