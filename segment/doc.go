// Package segment splits a normalized document into sentences and tokens.
//
// Tokens come from gse (github.com/go-ego/gse) with its embedded Chinese
// dictionary plus the project's domain dictionary (place names, institution
// suffixes, unit words), so that 重庆市北碚区, 成渝地区, 亿元 and 个百分点
// come out as single words. Every token carries its byte offsets into the
// text it was cut from and gse's part-of-speech tag.
//
// Sentences end at 。！？； and at paragraph ends.
//
// A [Segmenter] is loaded once and safe for concurrent use by any number of
// goroutines.
package segment
