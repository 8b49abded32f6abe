import { Fragment } from 'react';
import type { Params } from '../../../core/model/findings';
import { parseInlineMarkdown } from '../model/inline-markdown';
import { markdown, type TextKey } from '../model/text';

/** Core's Markdown with its code spans as `<code>`; everything else, untrusted values included, is text. */
export function RichText({ source, className }: { source: string; className?: string }) {
  return (
    <span className={className}>
      {parseInlineMarkdown(source).map((segment, index) =>
        segment.code ? <code key={index}>{segment.text}</code> : <Fragment key={index}>{segment.text}</Fragment>,
      )}
    </span>
  );
}

/** One message of the catalog. */
export function Message({ id, params, className }: { id: TextKey; params?: Params; className?: string }) {
  return <RichText source={markdown(id, params)} className={className} />;
}
