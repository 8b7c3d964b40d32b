import type { ReactNode } from "react";
import { parseMarkdown, type Inline } from "@/lib/knowledge/markdown-blocks";

/** An article body, rendered from its Markdown as React elements: no HTML from the text ever reaches the page. */
export function MarkdownView({ markdown }: { markdown: string }) {
  return (
    <div className="space-y-3 text-sm leading-6 text-slate-800" data-testid="markdown-view">
      {parseMarkdown(markdown).map((block, i) => {
        switch (block.kind) {
          case "heading":
            return block.level <= 2 ? (
              <h2 key={i} className="text-base font-semibold text-slate-900">
                {inline(block.children)}
              </h2>
            ) : (
              <h3 key={i} className="font-semibold text-slate-900">
                {inline(block.children)}
              </h3>
            );
          case "paragraph":
            return <p key={i}>{inline(block.children)}</p>;
          case "quote":
            return (
              <blockquote key={i} className="border-l-2 border-slate-300 pl-3 text-slate-600">
                {inline(block.children)}
              </blockquote>
            );
          case "code":
            return (
              <pre key={i} className="overflow-x-auto rounded bg-slate-100 p-2 font-mono text-xs">
                {block.text}
              </pre>
            );
          case "list": {
            const items = block.items.map((item, j) => <li key={j}>{inline(item)}</li>);
            return block.ordered ? (
              <ol key={i} className="list-decimal space-y-1 pl-5">
                {items}
              </ol>
            ) : (
              <ul key={i} className="list-disc space-y-1 pl-5">
                {items}
              </ul>
            );
          }
        }
      })}
    </div>
  );
}

function inline(nodes: Inline[]): ReactNode[] {
  return nodes.map((node, i) => {
    switch (node.kind) {
      case "text":
        return node.text;
      case "code":
        return (
          <code key={i} className="rounded bg-slate-100 px-1 font-mono text-xs">
            {node.text}
          </code>
        );
      case "strong":
        return <strong key={i}>{inline(node.children)}</strong>;
      case "em":
        return <em key={i}>{inline(node.children)}</em>;
      case "link":
        return (
          <a key={i} href={node.href} rel="noopener noreferrer nofollow" target="_blank" className="text-brand-700 underline">
            {inline(node.children)}
          </a>
        );
    }
  });
}
