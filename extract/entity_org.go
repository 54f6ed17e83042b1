package extract

import (
	"strings"
	"unicode/utf8"

	"github.com/baogao/baogao/segment"
)

// maxNameRunes bounds a suffix name's length, in characters.
const maxNameRunes = 32

// nameTok reports whether a token can stand inside a name, and whether
// it may be a name's first token.
func (e *Entities) nameTok(t segment.Token) (inside, first bool) {
	switch t.Pos {
	case "ns", "nt", "nz", "nr", "nrt", "nrfg", "n", "nw", "j", "l", "b", "vn", "ng", "an", "eng", "i":
		inside, first = true, true
	case "zg", "a":
		inside = true
	case "v", "vg":
		inside = e.inside[t.Text]
		first = inside
	}
	// A stop word is none; the tag rejects more tokens for less.
	if inside && e.stop.has(t.Text) {
		return false, false
	}
	return inside, first
}

// opener returns the opening bracket or quote of a closing one, or "".
func opener(closer string) string {
	switch closer {
	case "）":
		return "（"
	case ")":
		return "("
	case "”":
		return "“"
	case "」":
		return "「"
	case "’":
		return "‘"
	}
	return ""
}

// extendLeft returns the index of the first token of a name whose last
// tokens start at toks[k] (exclusive of k when k's remainder is used):
// it walks left over name tokens and over short bracketed or quoted
// parts that stand between two of them. loc stops it at a token that
// ends a place of its own (朝阳街道|大明社区).
//
// nt, when not nil, remembers nameTok and the rune count of each of
// toks (see nameTokAt).
func (e *Entities) extendLeft(d *Doc, toks []segment.Token, k int, loc bool, nt []uint16) int {
	first := k
	runes := 0
	for j := k - 1; j >= 0; j-- {
		t := toks[j]
		if open := opener(t.Text); open != "" {
			// Find the opener within a short span.
			o := -1
			for q := j - 1; q >= 0 && q >= j-8; q-- {
				if toks[q].Text == open {
					o = q
					break
				}
				if isSentencePunct(toks[q].Text) {
					break
				}
			}
			if o <= 0 {
				break
			}
			if in, _, _ := e.nameTokAt(toks, o-1, nt); !in {
				break
			}
			j = o
			first = o
			continue
		}
		in, _, n := e.nameTokAt(toks, j, nt)
		if !in {
			break
		}
		if loc && e.endsPlace(d, t) {
			break
		}
		runes += n
		if runes > maxNameRunes {
			break
		}
		first = j
	}
	// A name cannot start with a token that only stands inside one (环 in
	// 环西南大学).
	for first < k {
		if _, ok, _ := e.nameTokAt(toks, first, nt); ok || opener(toks[first].Text) != "" || isOpener(toks[first].Text) {
			break
		}
		first++
	}
	return first
}

func isOpener(s string) bool {
	switch s {
	case "（", "(", "“", "「", "‘":
		return true
	}
	return false
}

func isSentencePunct(s string) bool {
	switch s {
	case "，", "。", "；", "：", "！", "？", "、", ",", ";", ":", "!", "?", "《", "》":
		return true
	}
	return false
}

// endsPlace reports whether a token ends with a place suffix word or is
// a gazetteer division, so that a place name does not swallow the one
// before it.
func (e *Entities) endsPlace(d *Doc, t segment.Token) bool {
	for _, ti := range e.suffixesEndingAt(t.Text, len(t.Text), nil) {
		if e.sfxInfo[ti].typ == "LOC" {
			return true
		}
	}
	for _, r := range e.gaz.lookup(t.Text) {
		if r.e.code != "" && !r.short {
			return true
		}
	}
	return false
}

// suffixName builds the name that ends with a suffix word at [sStart,
// sEnd) inside token toks[k].
func (e *Entities) suffixName(d *Doc, s segment.Sentence, k int, sStart, sEnd int, st *sfxTerm, nt []uint16) (entCand, bool) {
	toks := s.Tokens
	var c entCand
	// Find the token where the suffix starts.
	ks := k
	for ks > 0 && toks[ks].Start > sStart {
		ks--
	}
	start := sStart
	if toks[ks].Start < sStart {
		// The suffix starts inside a token: the token's head is part of
		// the name (区 of 区政府, 数据 of 数据中心).
		start = toks[ks].Start
	}
	first := e.extendLeft(d, toks, ks, st.typ == "LOC", nt)
	if first < ks {
		start = toks[first].Start
	}
	if start >= sStart {
		return c, false // the suffix alone is no name
	}
	c.Span = Span{start, sEnd}
	c.Text = d.Text[start:sEnd]
	c.Type = st.typ
	c.Rule, c.rule = st.rule.ID, st.rule
	c.suffix = st
	c.Normalized = c.Text
	if st.normalized != "" && !strings.HasSuffix(c.Text, st.normalized) {
		c.Normalized = strings.TrimSuffix(c.Text, st.word) + st.normalized
	}
	c.Normalized = e.expandAlias(c.Normalized)
	// A name holds a proper noun; else it may be a level prefix and the
	// suffix (区政府), or a generic name that counts only when a full
	// name elsewhere ends with it.
	proper := false
	for j := first; j <= k && j < len(toks); j++ {
		if toks[j].Start >= sEnd {
			break
		}
		if properPOS(toks[j].Pos) && toks[j].Start < sStart || toks[j].End <= sStart && e.gaz.lookup(toks[j].Text) != nil {
			proper = true
			break
		}
	}
	if !proper {
		head := d.Text[start:sStart]
		if e.level[head] {
			c.level = head
		} else {
			c.weak = true
		}
	}
	return c, true
}

// members appends the members of the list that toks[k] (等) closes, when
// a cue noun follows within the clause: 四联光电、海斯坦普、神驰机电等80家
// 企业. A list of one member needs a count (横河川仪等4座智能化工厂).
func (e *Entities) members(d *Doc, si int, s segment.Sentence, k int, cands []entCand) []entCand {
	toks := s.Tokens
	typ, rule := "", ""
	counted := false
	for j := k + 1; j < len(toks) && j <= k+9; j++ {
		t := toks[j]
		if t.Pos == "x" || t.Pos == "uj" || t.Pos == "f" || t.Pos == "p" || t.Pos == "d" || t.Pos == "r" {
			break
		}
		if t.Pos == "m" {
			counted = true
		}
		typ = e.cueOf(t.Text)
		if typ != "" {
			break
		}
	}
	if typ == "" {
		return cands
	}
	rule = e.cueRule.ID
	var buf [8]Span // most lists are shorter: no allocation for them
	items := buf[:0]
	// Walk left: items separated by 、, the first one bounded by a token
	// that cannot stand in a name, or by a conjunction (以及) that opens
	// the list.
	end := k
	for end > 0 {
		j := end - 1
		for j >= 0 && toks[j].Text != "、" && toks[j].Pos != "x" && toks[j].Pos != "m" && toks[j].Text != "等" {
			j--
		}
		first := j + 1
		last := j < 0 || toks[j].Text != "、"
		if last {
			// The first item of the list: only name tokens, and a
			// one-character head word right after punctuation (西 of
			// 西大文化创意大厦).
			first = end
			for q := end - 1; q >= 0; q-- {
				if in, _ := e.nameTok(toks[q]); !in && toks[q].Pos != "zg" || toks[q].Pos == "vn" {
					break
				}
				first = q
			}
			if q := first - 1; q >= 0 && runeCount(toks[q].Text) == 1 && toks[q].Pos != "x" && !e.stop.has(toks[q].Text) && (q == 0 || toks[q-1].Pos == "x") {
				first = q
			}
		} else {
			for first < end && (toks[first].Pos == "c" || e.stop.has(toks[first].Text)) {
				first++
				last = true
			}
		}
		if first < end {
			items = append(items, Span{toks[first].Start, toks[end-1].End})
		}
		if last {
			break
		}
		end = j
	}
	if len(items) < 2 && !counted {
		return cands
	}
	for _, it := range items {
		a, b := it.Start, it.End
		n := runeCount(d.Text[a:b])
		if n < 2 || n > 16 {
			continue
		}
		isPlace := false
		for _, r := range e.gaz.lookup(d.Text[a:b]) {
			if r.e.typ == "LOC" {
				isPlace = true
			}
		}
		if isPlace != (typ == "LOC") {
			continue
		}
		c := entCand{}
		c.Span = it
		c.Sentence, c.Text, c.Type, c.Normalized, c.Rule, c.rule = si, d.Text[a:b], typ, d.Text[a:b], rule, e.cueRule
		if typ == "LOC" {
			c.refs = e.gaz.lookup(c.Text)
		}
		cands = append(cands, c)
	}
	return cands
}

// expandAlias writes out an organisation's short form that opens a name
// (中科院重庆… → 中国科学院重庆…).
func (e *Entities) expandAlias(name string) string {
	if !e.aliases.mayStartAt(name, 0) {
		return name
	}
	var buf [8]int
	for _, id := range e.aliases.at(name, 0, buf[:0]) {
		w := e.aliases.words[id]
		if full, ok := e.gaz.alias[w]; ok && len(name) > len(w) {
			return full.name + name[len(w):]
		}
	}
	return name
}

// cueOf returns the type a member cue noun that ends the token gives, or
// "": the token is the cue (家) or ends with a cue of two or more
// characters (智能化工厂).
func (e *Entities) cueOf(tok string) string {
	if ty, ok := e.cues[tok]; ok {
		return ty
	}
	for i := len(tok) - 1; i > 0 && len(tok)-i <= e.cueMax; i-- {
		if utf8.RuneStart(tok[i]) && runesAtLeast(tok[i:], 2) {
			if ty, ok := e.cues[tok[i:]]; ok {
				return ty
			}
		}
	}
	return ""
}
