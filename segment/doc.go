// Package segment splits a normalized document into sentences and tokens.
//
// # Tokens
//
// Tokens are gse's (github.com/go-ego/gse): the cut gse's Segment makes
// with its embedded Chinese dictionary (simplified and traditional, as
// LoadDictEmbed reads them) plus the project's domain dictionary,
// dict/domain.txt (place names, units such as 亿元 and 个百分点,
// institution suffixes such as 股份有限公司). The domain dictionary is
// loaded first, so that its entry for a word replaces gse's (gse keeps the
// first entry of a word); the file explains how its frequencies decide. A
// place comes out one token per administrative unit: 重庆市北碚区 is
// 重庆市 + 北碚区.
//
// Every token carries its byte offsets into the text it was cut from and
// gse's part-of-speech tag ("x" for what the dictionary does not know).
// White space is not a token. After the cut, the pieces of a number
// written with digits are joined: gse cuts 36.83 into 36 . 83, and
// 1,234.5 into 1 , 234 . 5; here each is one token, and every number has
// tag "m" (see joinNumbersAt for the exact rule).
//
// The cut is gse's Segment, not Cut. Segment is the shortest path over
// the dictionary (each word costs log2(total frequency / its frequency));
// it gives each word's byte offsets and its dictionary tag, and the same
// dictionary always gives the same cut. Cut returns strings only, so
// offsets would have to be found again by searching, which STYLE.md rules
// out; Cut(text) is Segment plus that conversion, and Cut(text, true), the
// DAG with an HMM for unknown words, is about four times slower than
// Segment on the sample report and guesses words with no tag.
//
// Package segment runs Segment's algorithm itself (engine.go): gse's
// split into words, its distances in float32, its order of updates and
// its ties, over an index of the same dictionary. gse builds a trie of
// 590,000 words with a sub-cut of each, about 3 s and 300 MB, and
// allocates per word it cuts. The index is a trie too, over gse's words
// (a character, or a run of letters and digits), but its 815,000
// transitions sit in one hash table of 16-byte slots, entry inline, and
// those from the root by one character in a plain array: each step of a
// walk is one look in one place. It is built in 0.1 s and holds about
// 34 MB, and cutting allocates almost nothing, so Sentences, numbers and
// all, runs about 4.5 times as fast as gse's Segment alone: 33 MB/s
// against 7.4 MB/s in the same run (BenchmarkSentences and
// BenchmarkSegment, one core of a busy Xeon VM). The tokens are gse's: the tests compare the
// index's words, distances and tags with gse's dictionary loaded the
// reference way (domain dictionary, then LoadDictEmbed), and the cuts on
// the sample report, odd strings and, in FuzzMatchesGse, any text.
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
// gse's LoadDictEmbed parses 8.6 MB of text into its trie before the first
// token: 2 to 5 s. baogao explain on one sentence must finish in 0.3 s, so
// a [Segmenter] starts from a compact dictionary and builds its index only
// when the work pays for it:
//
//   - dict/gse-zh.bgdict holds gse's words, already parsed and
//     deduplicated, with final frequencies and tags, sorted, in blocks of
//     16 front-coded keys (format in internal/dictfile). It is embedded
//     (4.7 MB) and searched where it lies: [New] reads its header and the
//     domain dictionary, under a millisecond. Its only input is gse, so it
//     is regenerated only when gse is upgraded (go generate ./segment;
//     TestDictUpToDate and TestDictRegenerates fail until then). The domain
//     dictionary is read at start-up, so editing it needs no generation.
//
//   - Until the index of the whole dictionary is built, each call builds a
//     small one of only the words that occur in its text, found by
//     narrowing a key range of the compact dictionary word by word. It cuts
//     the text exactly as the whole one would: at each word of a text, gse
//     looks only at the dictionary words made of the words that follow,
//     and a word's distance depends only on its frequency and on the total
//     frequency, which stays the whole dictionary's. One sentence takes
//     well under a millisecond this way; a page about 7 ms (1.7 MB/s).
//
//   - The whole index is built (0.1 s of two cores, about 34 MB) by
//     [Segmenter.Preload] in the background, by [Segmenter.Load], or by the
//     segmenter itself once it has cut [LazyLimit] bytes the slow way (a
//     single text over 512 KiB waits for it). From then on texts are cut
//     at full speed.
//
// So a batch program calls [Preload] first thing in main, and the build
// overlaps reading its input; a program that cuts a few sentences does
// nothing, and never pays for it.
//
// Dropping gse's traditional Chinese dictionary is not an option: its
// words and frequencies count in the total, so it changes results on
// simplified text too (15 of the sample report's 2,214 tokens differ).
//
// # Concurrency
//
// A [Segmenter] is safe for concurrent use by any number of goroutines;
// a program loads one (see [Default]) and shares it.
package segment
