/**
 * Text from a configuration (values, labels, file names) must not drive the terminal it is printed
 * on: an ESC sequence could retitle the window or clear the screen and hide the report, and a bidi
 * override could reorder what is shown. These characters are shown as visible escapes instead.
 */

// C0 controls, DEL, C1 controls, and the bidi embeddings, overrides and isolates.
const terminalControls = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const terminalControlsExceptLineBreaks = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

function visibleEscape(character: string): string {
  const code = character.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** One line of terminal text: every control character (tab and line feed included) escaped, `\x1b`, `\u202e`. */
export function escapeTerminalText(text: string): string {
  return text.replace(terminalControls, visibleEscape);
}

/** Like `escapeTerminalText`, but keeps tabs and line feeds: for multi-line text such as stderr messages. */
export function escapeTerminalLines(text: string): string {
  return text.replace(terminalControlsExceptLineBreaks, visibleEscape);
}
