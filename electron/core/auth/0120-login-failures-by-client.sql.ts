/**
 * 0120: failed sign-ins are counted per user name AND client address. Five wrong
 * guesses from one PC lock that name on that PC only, so nobody can keep `admin`
 * locked out of the whole office by guessing from elsewhere. Old counts are dropped.
 */
export default /* sql */ `
DROP TABLE login_failures;
CREATE TABLE login_failures (
  username TEXT NOT NULL COLLATE NOCASE,
  client TEXT NOT NULL,
  failures INTEGER NOT NULL,
  locked_until TEXT,
  PRIMARY KEY (username, client)
) STRICT, WITHOUT ROWID;
`;
