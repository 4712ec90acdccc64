// A small stand-in for Help Center full-text search: rank articles by how often the query's words
// appear in the title (weighted most), labels and body, and return a plain-text snippet.
import type { ZendeskArticle } from './ZendeskWorld.js';

const STOP_WORDS = new Set(['a', 'an', 'and', 'are', 'can', 'do', 'for', 'how', 'i', 'if', 'in', 'is', 'it', 'my', 'of', 'on', 'or', 'the', 'to', 'what', 'when', 'with']);

const plain = (html: string) => html.replace(/<[^>]*>/g, ' ').replace(/&nbsp;/g, ' ').replace(/\s+/g, ' ').trim();
const words = (text: string) => text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 1 && !STOP_WORDS.has(w));

/** A word matches its plural/singular neighbour too ("refunds" finds "refund"). */
const stem = (w: string) => (w.length > 3 && w.endsWith('s') ? w.slice(0, -1) : w);

export interface ArticleHit {
  article: ZendeskArticle;
  score: number;
  snippet: string;
}

export function searchArticles(articles: readonly ZendeskArticle[], query: string, locale?: string): ArticleHit[] {
  const terms = [...new Set(words(query).map(stem))];
  if (terms.length === 0) return [];
  const hits: ArticleHit[] = [];
  for (const article of articles) {
    if (locale && article.locale.toLowerCase() !== locale.toLowerCase()) continue;
    const title = words(article.title).map(stem);
    const labels = article.label_names.flatMap(words).map(stem);
    const body = words(plain(article.body)).map(stem);
    const count = (list: string[], t: string) => list.filter((w) => w === t).length;
    const score = terms.reduce((s, t) => s + 3 * count(title, t) + 2 * count(labels, t) + count(body, t), 0);
    if (score > 0) hits.push({ article, score, snippet: plain(article.body).slice(0, 160) });
  }
  return hits.sort((a, b) => b.score - a.score || a.article.id - b.article.id);
}
