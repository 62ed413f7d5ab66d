/**
 * OpenSSH public keys as people pass them: often read from a `.pub` file, which ends with a newline.
 * Internal: not part of the jsii API.
 */

/** The key types accepted (the ones Azure Linux VMs take: RSA, ED25519, ECDSA). */
const KEY_TYPES = ['ssh-ed25519', 'ssh-rsa', 'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521'];

/** The result of reading a public key: the key to use, or why it is not one (as the value in a validation problem). */
export interface SshPublicKeyCheck {
  /** The key without the `.pub` file's trailing newline. */
  readonly key?: string;
  /** Why the value is not an OpenSSH public key, e.g. `(an OpenSSH public key followed by a tab)`. */
  readonly problem?: string;
}

/**
 * Reads an OpenSSH public key (`TYPE BASE64 [comment]`, one line). One trailing newline (`\n` or `\r\n`, as a `.pub`
 * file read with `fs.readFileSync` ends) is removed; any other whitespace around or inside the key is refused with
 * what it is, since a key pasted with a stray tab, a second line or leading spaces is not the key the user meant.
 */
export function checkSshPublicKey(value: unknown): SshPublicKeyCheck {
  if (typeof value !== 'string') return { problem: value === undefined ? undefined : '(not an OpenSSH public key)' };
  const key = value.replace(/\r?\n$/, '');
  const shape = /^(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp\d+) [A-Za-z0-9+/=]{40,}( [^\r\n\t]*)?$/;
  if (shape.test(key) && !/\s$/.test(key) && KEY_TYPES.includes(key.split(' ')[0])) return { key };
  // a key with whitespace around or inside it: say which, so the user can find it in the file
  const trimmed = key.trim();
  const isKey = (k: string) => shape.test(k.replace(/\t/g, ' '));
  if (trimmed !== key && isKey(trimmed.split(/\r?\n/)[0])) {
    if (/\r?\n/.test(trimmed) || /\n\s*$/.test(key)) {
      return { problem: `(an OpenSSH public key followed by ${lines(key)}: give one key, one line, at most one trailing newline)` };
    }
    const where = /^\s/.test(key) ? 'preceded' : 'followed';
    return { problem: `(an OpenSSH public key ${where} by ${describeWhitespace(/^\s/.test(key) ? /^\s+/.exec(key)![0] : /\s+$/.exec(key)![0])}: remove it)` };
  }
  if (/\r?\n/.test(key) && isKey(key.split(/\r?\n/)[0])) {
    return { problem: `(an OpenSSH public key followed by ${lines(key)}: give one key, one line, at most one trailing newline)` };
  }
  if (/\t/.test(key) && isKey(key)) return { problem: '(an OpenSSH public key with a tab between its fields: separate the fields with one space)' };
  if (/^-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(trimmed)) return { problem: '(a private key: give the public half, the .pub file)' };
  return { problem: '(not an OpenSSH public key)' };
}

function lines(key: string): string {
  const n = key.trim().split(/\r?\n/).length - 1;
  return n > 0 ? `${n} more line${n === 1 ? '' : 's'}` : 'blank lines';
}

function describeWhitespace(ws: string): string {
  const names = [...new Set([...ws].map((c) => (c === ' ' ? 'a space' : c === '\t' ? 'a tab' : c === '\r' ? 'a carriage return' : c === '\n' ? 'a newline' : `U+${c.charCodeAt(0).toString(16).padStart(4, '0')}`)))];
  return names.join(' and ');
}
