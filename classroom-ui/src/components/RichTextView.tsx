import type { ReactNode } from 'react';
import { isSafeHref, type RichTextBlock, type RichTextDoc, type TextRun } from '@panda/shared';
import { useFileUrl } from '../hooks/useFileUrl';
import { useT } from '../i18n';

type HeadingLevel = 1 | 2 | 3 | 4;

interface RichTextViewProps {
  doc: RichTextDoc;
  /**
   * The HTML heading level of the document's top headings (`#`), so a text fits the outline of the
   * page around it: 2 under a page's <h1>, deeper inside a card. Default 2.
   */
  headingLevel?: HeadingLevel;
  className?: string;
}

/**
 * A text material as React elements: the shared document model is data, never HTML, so nothing in a
 * text can inject markup or script. Uploaded images are read through signed links.
 */
export function RichTextView({ doc, headingLevel = 2, className }: RichTextViewProps) {
  return (
    <div className={className ? `rich-text ${className}` : 'rich-text'}>
      {doc.blocks.map((block, index) => (
        <Block key={index} block={block} headingLevel={headingLevel} />
      ))}
    </div>
  );
}

function Block({ block, headingLevel }: { block: RichTextBlock; headingLevel: HeadingLevel }) {
  switch (block.type) {
    case 'heading': {
      // Levels below <h6> don't exist: deeper headings stay <h6>.
      const Heading = `h${Math.min(6, headingLevel + block.level - 1)}` as 'h2';
      return (
        <Heading>
          <Runs runs={block.content} />
        </Heading>
      );
    }
    case 'paragraph':
      return (
        <p>
          <Runs runs={block.content} />
        </p>
      );
    case 'quote':
      return (
        <blockquote>
          <p>
            <Runs runs={block.content} />
          </p>
        </blockquote>
      );
    case 'list': {
      const List = block.ordered ? 'ol' : 'ul';
      return (
        <List>
          {block.items.map((runs, index) => (
            <li key={index}>
              <Runs runs={runs} />
            </li>
          ))}
        </List>
      );
    }
    case 'image':
      return 'fileId' in block.source ? (
        <UploadedImage fileId={block.source.fileId} alt={block.alt} />
      ) : (
        <img className="rich-text-image" src={block.source.url} alt={block.alt} loading="lazy" />
      );
  }
}

function Runs({ runs }: { runs: readonly TextRun[] }) {
  return runs.map((run, index) => <Run key={index} run={run} />);
}

function Run({ run }: { run: TextRun }) {
  let content: ReactNode = run.text;
  if (run.italic) content = <em>{content}</em>;
  if (run.bold) content = <strong>{content}</strong>;
  // The schema allows only safe addresses; checked again in case a document skipped it.
  if (run.href && isSafeHref(run.href)) {
    content = (
      <a href={run.href} target="_blank" rel="noopener noreferrer">
        {content}
      </a>
    );
  }
  return content;
}

function UploadedImage({ fileId, alt }: { fileId: string; alt: string }) {
  const t = useT();
  const { url, error } = useFileUrl(fileId);
  if (error) return <p className="rich-text-missing">{alt || t('richText.imageUnavailable')}</p>;
  if (!url) return <span className="rich-text-image rich-text-image-loading" role="img" aria-label={alt} />;
  return <img className="rich-text-image" src={url} alt={alt} loading="lazy" />;
}
