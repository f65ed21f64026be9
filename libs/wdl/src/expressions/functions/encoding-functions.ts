import { argString, valueError } from '../runtime/argument-checks.js';
import { fn, type CallSite, type FunctionDefinition } from '../runtime/function-definition.js';
import {
  binaryValue,
  contentType,
  decodeText,
  envelopeBytes,
  fromBase64,
  isContentEnvelope,
  OCTET_STREAM,
  toBase64,
  utf8Bytes,
} from '../values/binary-content.js';
import { toTemplateString } from '../values/value-text.js';
import { percentDecodeBytes, uriEscapeDataString } from './uri-encoding.js';

/** Bytes of a value to encode: binary content as its bytes, anything else as the UTF-8 of its string form. */
function bytesOf(value: unknown): Uint8Array {
  return isContentEnvelope(value) ? envelopeBytes(value) : utf8Bytes(toTemplateString(value));
}

function base64Argument(args: readonly unknown[], site: CallSite): Uint8Array {
  const value = args[0];
  if (isContentEnvelope(value)) return envelopeBytes(value);
  const text = argString(args, 0, site);
  const bytes = fromBase64(text);
  if (bytes === undefined) throw valueError(site, 0, `The value '${text}' is not a valid base64 string.`);
  return bytes;
}

interface DataUri {
  readonly type: string;
  readonly bytes: Uint8Array;
}

/** `data:[<media type>][;base64],<data>` (RFC 2397). The media type defaults to text/plain;charset=US-ASCII. */
function parseDataUri(args: readonly unknown[], site: CallSite): DataUri {
  const text = argString(args, 0, site);
  const comma = text.indexOf(',');
  if (!/^data:/i.test(text) || comma === -1)
    throw valueError(site, 0, `The value '${text.slice(0, 100)}' is not a valid data URI.`);
  const header = text.slice(5, comma);
  const isBase64 = /;base64$/i.test(header);
  const type = (isBase64 ? header.slice(0, -7) : header) || 'text/plain;charset=US-ASCII';
  const data = text.slice(comma + 1);
  const bytes = isBase64 ? fromBase64(data) : percentDecodeBytes(data);
  if (bytes === undefined) throw valueError(site, 0, 'The data URI does not hold valid base64 data.');
  return { type, bytes };
}

export const ENCODING_FUNCTIONS: readonly FunctionDefinition[] = [
  fn('base64', 1, 1, (args) => {
    const value = args[0];
    return isContentEnvelope(value) ? value.$content : toBase64(bytesOf(value));
  }),
  fn('base64ToBinary', 1, 1, (args, _ctx, site) => ({
    '$content-type': OCTET_STREAM,
    $content: toBase64(base64Argument(args, site)),
  })),
  fn('base64ToString', 1, 1, (args, _ctx, site) =>
    decodeText(base64Argument(args, site), 'text/plain;charset=utf-8'),
  ),
  fn('decodeBase64', 1, 1, (args, _ctx, site) =>
    decodeText(base64Argument(args, site), 'text/plain;charset=utf-8'),
  ),
  fn('binary', 1, 1, (args) => ({ '$content-type': OCTET_STREAM, $content: toBase64(bytesOf(args[0])) })),
  fn('dataUri', 1, 1, (args) => {
    const value = args[0];
    if (isContentEnvelope(value)) return `data:${contentType(value)};base64,${value.$content}`;
    return `data:text/plain;charset=utf-8;base64,${toBase64(bytesOf(value))}`;
  }),
  fn('dataUriToBinary', 1, 1, (args, _ctx, site) => {
    const uri = parseDataUri(args, site);
    return binaryValue(uri.bytes, uri.type);
  }),
  fn('decodeDataUri', 1, 1, (args, _ctx, site) => {
    const uri = parseDataUri(args, site);
    return binaryValue(uri.bytes, uri.type);
  }),
  fn('dataUriToString', 1, 1, (args, _ctx, site) => {
    const uri = parseDataUri(args, site);
    return decodeText(uri.bytes, uri.type);
  }),
  fn('uriComponent', 1, 1, (args) => uriEscapeDataString(toTemplateString(args[0]))),
  // The older name takes any number of arguments and encodes their concatenation: Microsoft's own templates call
  // it as encodeURIComponent('workflows/', name, '/runs') and Logic Apps accepts them.
  fn('encodeUriComponent', 1, Infinity, (args) => uriEscapeDataString(args.map(toTemplateString).join(''))),
  fn('uriComponentToString', 1, 1, (args, _ctx, site) =>
    decodeText(percentDecodeBytes(argString(args, 0, site)), 'text/plain;charset=utf-8'),
  ),
  fn('decodeUriComponent', 1, 1, (args, _ctx, site) =>
    decodeText(percentDecodeBytes(argString(args, 0, site)), 'text/plain;charset=utf-8'),
  ),
  fn('uriComponentToBinary', 1, 1, (args, _ctx, site) => ({
    '$content-type': OCTET_STREAM,
    $content: toBase64(percentDecodeBytes(argString(args, 0, site))),
  })),
];
