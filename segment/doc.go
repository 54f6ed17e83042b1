// Package segment splits a normalized document into sentences and tokens.
//
// # Tokens
//
// Tokens come from gse (github.com/go-ego/gse) with its embedded Chinese
// dictionary (simplified and traditional, as LoadDictEmbed reads them)
// plus the project's domain dictionary, dict/domain.txt (place names,
// units such as 亿元 and 个百分点, institution suffixes such as
// 股份有限公司). The domain dictionary is loaded first, so that its entry
// for a word replaces gse's (gse keeps the first entry of a word); the
// file explains how its frequencies decide. A place comes out one token
// per administrative unit: 重庆市北碚区 is 重庆市 + 北碚区.
//
// Every token carries its byte offsets into the text it was cut from and
// gse's part-of-speech tag ("x" for what the dictionary does not know).
// White space is not a token. After gse, the pieces of a number written
// with digits are joined: gse cuts 36.83 into 36 . 83, and 1,234.5 into
// 1 , 234 . 5; here each is one token, and every number has tag "m" (see
// joinNumbers for the exact rule).
//
// We use gse's Segment, not Cut. Segment is the shortest path over the
// dictionary (each word costs log2(total frequency / its frequency)); it
// returns each word's byte offsets and its dictionary tag, and the same
// dictionary always gives the same cut. Cut returns strings only, so
// offsets would have to be found again by searching, which STYLE.md rules
// out; Cut(text) is Segment plus that conversion, and Cut(text, true), the
// DAG with an HMM for unknown words, is about four times slower than
// Segment on the sample report and guesses words with no tag.
//
// # Sentences
//
// A sentence ends after 。！？； or ! ? ; together with any further ends
// and closing quotes or brackets right after them (。” ends after ”), and
// at the end of its paragraph. An ASCII ! ? ; followed directly by an
// ASCII letter or digit is no end (a URL's ?, a list 1;2). Nothing inside
// a 《》 title ends a sentence, unless its 》 is missing (it is looked for
// within 200 characters). Sentences are trimmed of white space. Numbers
// contain none of the ends, so no sentence ends inside one.
//
// # Start-up
//
// gse's LoadDictEmbed parses 8.6 MB of text and builds a 590,000-word
// trie, then computes sub-cuts of every word: about 3–5 s and 250 MB
// before the first token. That is too slow for a short job (baogao explain
// on one sentence must finish in 0.3 s), so a [Segmenter] starts from a
// compact dictionary instead and loads gse's only when the work pays for
// it:
//
//   - dict/gse-zh.bgdict holds gse's words, already parsed and
//     deduplicated, with final frequencies and tags, sorted, in blocks of
//     16 front-coded keys (format in internal/dictfile). It is embedded
//     (4.7 MB) and searched where it lies: [New] reads its header and the
//     domain dictionary, about a millisecond. Its only input is gse, so it
//     is regenerated only when gse is upgraded (go generate ./segment;
//     TestDictUpToDate fails until then). The domain dictionary is read at
//     start-up, so editing it needs no generation step.
//
//   - Until the full dictionary is loaded, each call builds a small gse
//     dictionary of only the words of the merged dictionary that occur in
//     its text (found by narrowing a key range in the compact dictionary
//     word by word), plus one filler entry, whose key occurs nowhere in the
//     text, carrying the frequency of every word left out. gse's total
//     frequency, hence every word's distance, is then exactly the full
//     dictionary's, gse finds the same words at every position, and so
//     Segment makes the same cut. Cutting one sentence this way takes under
//     a millisecond; a page, about 10 ms (roughly 1 MB/s).
//
//   - The full gse dictionary is built from the compact one (no parsing,
//     one CalcToken), about 1.3 s of CPU and 250 MB, by [Segmenter.Preload]
//     in the background, by [Segmenter.Load], or by the segmenter itself
//     once it has cut [LazyLimit] bytes the slow way (a single text over
//     1 MiB waits for it). From then on texts are cut at gse's full speed. Either way the tokens are the same:
//     the tests compare both paths with gse loaded the reference way, and
//     FuzzLazyMatchesFull compares them on any text.
//
// So a batch program calls [Preload] first thing in main, and the load
// overlaps reading its input; a program that cuts a few sentences does
// nothing, and never pays for the full dictionary.
//
// Dropping gse's traditional Chinese dictionary would make the full load
// about 40% faster, but it changes results on simplified text too (its
// words and frequencies count in the total): 15 of the sample report's
// 2,214 tokens differ. With the start-up above it is not needed, so both
// are kept.
//
// # Concurrency
//
// A [Segmenter] is safe for concurrent use by any number of goroutines;
// a program loads one (see [Default]) and shares it.
package segment
