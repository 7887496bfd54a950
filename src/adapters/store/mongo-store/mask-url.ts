/** Query parameters whose values are secrets too (`tlsCertificateKeyFilePassword`, `authMechanismProperties=…TOKEN…`). */
const SECRET_PARAM = /password|secret|token|^authMechanismProperties$/i;

/**
 * The connection string as it may appear in logs and error messages: the password (and secret
 * query parameters) replaced by `****`, everything else kept so an operator can see which host
 * and database were tried. Works on multi-host and `mongodb+srv` strings, which `new URL()` rejects.
 */
export function maskUrl(url: string): string {
  const match = /^([a-z][a-z0-9+.-]*:\/\/)(.*)$/is.exec(url);
  if (!match) return url;
  const scheme = match[1] as string;
  const rest = match[2] as string;
  // The credentials end at the last '@' before the query string, which also covers a password
  // with an unencoded '/' or '@' in it.
  const query = rest.indexOf('?');
  const at = rest.lastIndexOf('@', query < 0 ? rest.length : query);
  let masked = rest;
  if (at >= 0) {
    const userinfo = rest.slice(0, at);
    const colon = userinfo.indexOf(':');
    masked = (colon < 0 ? userinfo : `${userinfo.slice(0, colon)}:****`) + rest.slice(at);
  }
  return scheme + maskQuery(masked);
}

function maskQuery(text: string): string {
  const q = text.indexOf('?');
  if (q < 0) return text;
  const params = text
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      return eq > 0 && SECRET_PARAM.test(pair.slice(0, eq)) ? `${pair.slice(0, eq)}=****` : pair;
    });
  return `${text.slice(0, q)}?${params.join('&')}`;
}
