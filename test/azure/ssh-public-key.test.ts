import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { network, resources, SSH_PUBLIC_KEY, synth } from './util';
import { azure, InstanceType } from '../../src';
import { checkSshPublicKey } from '../../src/core/ssh-key';

/** A key as `fs.readFileSync('id_ed25519.pub', 'utf8')` returns it: the file ends with a newline. */
function readPub(text: string): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pub-')), 'id_ed25519.pub');
  fs.writeFileSync(file, text);
  return fs.readFileSync(file, 'utf8');
}

const fleetWithKey = (adminSshPublicKey: string) => synth((s) => {
  new azure.GpuFleet(s, 'Fleet', { instanceType: InstanceType.STANDARD_NC4AS_T4_V3, network: network(s), adminSshPublicKey });
});

describe('adminSshPublicKey read from a .pub file', () => {
  test('the trailing newline of a .pub file is removed: the scale set gets the key alone', () => {
    const doc = fleetWithKey(readPub(`${SSH_PUBLIC_KEY}\n`));
    const [set] = resources(doc, 'azurerm_linux_virtual_machine_scale_set');
    expect(set.admin_ssh_key).toEqual([{ username: 'azureuser', public_key: SSH_PUBLIC_KEY }]);
  });

  test('a Windows line ending (\\r\\n) is removed too', () => {
    expect(checkSshPublicKey(`${SSH_PUBLIC_KEY}\r\n`)).toEqual({ key: SSH_PUBLIC_KEY });
  });

  test.each([
    [`${SSH_PUBLIC_KEY} \n`, /adminSshPublicKey = '\(an OpenSSH public key followed by a space: remove it\)'/],
    [`${SSH_PUBLIC_KEY}\t`, /followed by a tab: remove it/],
    [`  ${SSH_PUBLIC_KEY}\n`, /preceded by a space: remove it/],
    [`${SSH_PUBLIC_KEY}\n\n`, /followed by blank lines: give one key, one line, at most one trailing newline/],
    [`${SSH_PUBLIC_KEY}\n${SSH_PUBLIC_KEY}\n`, /followed by 1 more line: give one key, one line/],
    [SSH_PUBLIC_KEY.replace(' ', '\t'), /with a tab between its fields: separate the fields with one space/],
    ['-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n', /\(a private key: give the public half, the \.pub file\)/],
    ['hunter2', /adminSshPublicKey = '\(not an OpenSSH public key\)': allowed: an OpenSSH public key/],
  ])('refuses %j and says why', (key, message) => {
    expect(() => fleetWithKey(key)).toThrow(message);
  });

  test('the key is never echoed into the error (it names what is wrong, not the key)', () => {
    expect(() => fleetWithKey(`${SSH_PUBLIC_KEY}\t`)).toThrow(/^(?![\s\S]*AAAAC3Nza)/);
  });
});
