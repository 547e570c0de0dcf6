// A hint's inline code (`like this`) split out, so the page renders it as text and <code>, never as markup.
export interface InlinePart {
  text: string;
  code: boolean;
}

export function inlineCode(text: string): InlinePart[] {
  const parts: InlinePart[] = [];
  text.split('`').forEach((piece, i, all) => {
    // an unmatched last backtick stays a backtick
    const code = i % 2 === 1 && i < all.length - 1;
    if (i % 2 === 1 && !code) parts.push({ text: `\`${piece}`, code: false });
    else if (piece !== '') parts.push({ text: piece, code });
  });
  return parts;
}
