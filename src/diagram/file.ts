/**
 * Reading the synthesized stack a user names on the command line, with a problem to report instead of a throw for
 * every way the file can be wrong (missing, unreadable, not JSON, not a stack of a known cloud). Internal.
 */
import * as fs from 'fs';
import { cloudOfDocument } from '../clouds';

/** The parsed document, or what is wrong with the file. */
export type StackFile = { doc: any; problem?: undefined } | { doc?: undefined; problem: string };

/** Reads and checks a synthesized stack file (CloudFormation template or Terraform JSON). */
export function readStackFile(file: string): StackFile {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    return { problem: `cannot read the file: ${(e as NodeJS.ErrnoException).code ?? String(e)}` };
  }
  let doc: any;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return { problem: `not JSON: ${(e as Error).message}` };
  }
  try {
    cloudOfDocument(doc, 'file');
  } catch (e) {
    return { problem: (e as Error).message.replace(/^\[ai-infra\] file: /, '') };
  }
  return { doc };
}
