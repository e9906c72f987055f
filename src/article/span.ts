/** A half-open range of character offsets into article.txt. Quote text travels as spans, never as copies. */
export interface Span {
  start: number;
  end: number;
}

export const slice = (text: string, span: Span): string => text.slice(span.start, span.end);

export const contains = (outer: Span, inner: Span): boolean =>
  outer.start <= inner.start && inner.end <= outer.end;
