package extract

import (
	"fmt"
	"slices"
	"unicode/utf8"

	"github.com/baogao/baogao/rules"
)

// Resolve decides which of the overlapping candidates win, in the one
// order every extractor uses:
//
//  1. stage: time, then entity, then quantity ([rules.StageOrder]), so a
//     year 2019年 found as a time cannot become a quantity, and a number
//     inside an organisation's name (三峡集团) is no figure;
//  2. higher Priority;
//  3. the longer match (in characters);
//  4. the leftmost match;
//  5. the lower Order (the rule that comes first in load order).
//
// Candidates are taken best first; one wins when it overlaps no winner
// before it, so winners never overlap. Candidates whose spans only touch
// ([0,3) and [3,6)) do not overlap. Resolve sets Won on every candidate
// and, on each loser, LostTo, LostToText and Reason: the first rule of the
// order above that decided against it. It returns the indexes of the
// winners in text order. cands may mix stages; Kind holds a candidate's
// stage ("time", "entity", "quantity"); unknown stages come last.
//
// To let the records of earlier stages block a later extractor's
// candidates, pass them in too: append([Claimed](r), mine...).
func Resolve(cands []Candidate) []int {
	cs := contendersOf(cands)
	idx := make([]int, len(cs))
	for i := range idx {
		idx[i] = i
	}
	won := resolveGroup(cs, idx, nil, nil)
	settle(cands, cs)
	slices.SortFunc(won, func(a, b int) int {
		if cands[a].Start != cands[b].Start {
			return cands[a].Start - cands[b].Start
		}
		return cands[a].End - cands[b].End
	})
	return won
}

// contender is what resolving reads of a candidate, without the strings
// that only a trace shows, so that extractors resolve many candidates
// cheaply and build [Candidate]s only when a trace asks for them.
type contender struct {
	Span
	text            string // for the length in characters; "" for the byte length
	stage, priority int
	order           int
	won             bool
	lostTo          int // the winner that beat it, when it lost
}

// contendersOf returns the contenders of cands.
func contendersOf(cands []Candidate) []contender {
	cs := make([]contender, len(cands))
	for i := range cands {
		c := &cands[i]
		cs[i] = contender{Span: c.Span, text: c.Text, stage: stageRank(c.Kind), priority: c.Priority, order: c.Order}
	}
	return cs
}

// settle writes what resolving cs decided onto cands, their candidates:
// Won, and on each loser LostTo, LostToText and Reason.
func settle(cands []Candidate, cs []contender) {
	for i := range cs {
		c := &cands[i]
		if cs[i].won {
			c.Won, c.LostTo, c.LostToText, c.Reason = true, "", "", ""
			continue
		}
		w := &cands[cs[i].lostTo]
		c.Won, c.LostTo, c.LostToText = false, w.Rule, w.Text
		c.Reason, _ = compare(w, c)
	}
}

// resolveGroup resolves cs[idx[0]], cs[idx[1]] … as [Resolve] does, in
// that order for ties: it sorts idx best first, sets won, and lostTo on
// the losers, and appends the winners' indexes to won in the order they
// won. The order's keys are computed once per candidate, not per
// comparison.
func resolveGroup(cs []contender, idx []int, won []int, scratch *[]rankedIdx) []int {
	if len(idx) == 2 {
		// The common group: two overlapping candidates.
		ka, kb := cs[idx[0]].key(), cs[idx[1]].key()
		if kb.compare(&ka) < 0 {
			idx[0], idx[1] = idx[1], idx[0]
		}
	} else {
		var ks []rankedIdx
		if scratch != nil {
			ks = (*scratch)[:0]
		}
		for _, i := range idx {
			ks = append(ks, rankedIdx{cs[i].key(), i})
		}
		slices.SortStableFunc(ks, func(a, b rankedIdx) int { return a.key.compare(&b.key) })
		for k := range ks {
			idx[k] = ks[k].i
		}
		if scratch != nil {
			*scratch = ks
		}
	}
	n := len(won)
	for _, i := range idx {
		c := &cs[i]
		c.won = true
		for _, w := range won[n:] {
			if overlaps(c.Span, cs[w].Span) {
				c.won, c.lostTo = false, w
				break
			}
		}
		if c.won {
			won = append(won, i)
		}
	}
	return won
}

// rankedIdx is a candidate's index with its key.
type rankedIdx struct {
	key rankKey
	i   int
}

// rankKey holds what [compare] reads of a candidate.
type rankKey struct {
	stage, priority, runes, start, order int
}

func (c *contender) key() rankKey {
	n := c.End - c.Start
	if c.text != "" {
		n = runeCount(c.text)
	}
	return rankKey{c.stage, c.priority, n, c.Start, c.order}
}

// compare orders a before b (c < 0) as [compare] does.
func (a *rankKey) compare(b *rankKey) int {
	switch {
	case a.stage != b.stage:
		return a.stage - b.stage
	case a.priority != b.priority:
		return b.priority - a.priority
	case a.runes != b.runes:
		return b.runes - a.runes
	case a.start != b.start:
		return a.start - b.start
	}
	return a.order - b.order
}

// Claimed returns the records already in r as winning candidates, so that
// [Resolve] lets them block overlapping candidates of later stages.
func Claimed(r *Records) []Candidate {
	var cs []Candidate
	for _, t := range r.Times {
		cs = append(cs, Candidate{Span: t.Span, Kind: string(rules.StageTime), Text: t.Text, Rule: t.Rule, Won: true})
	}
	for _, e := range r.Entities {
		cs = append(cs, Candidate{Span: e.Span, Kind: string(rules.StageEntity), Text: e.Text, Rule: e.Rule, Won: true})
	}
	for _, q := range r.Quantities {
		cs = append(cs, Candidate{Span: q.Span, Kind: string(rules.StageQuantity), Text: q.Text, Rule: q.Rule, Won: true})
	}
	return cs
}

// compare orders a before b (c < 0) when a should win over b, and says
// which rule of the order decided.
func compare(a, b *Candidate) (reason string, c int) {
	if sa, sb := stageRank(a.Kind), stageRank(b.Kind); sa != sb {
		return fmt.Sprintf("%s stage comes before %s", a.Kind, b.Kind), sa - sb
	}
	if a.Priority != b.Priority {
		return fmt.Sprintf("higher priority (%d > %d)", max(a.Priority, b.Priority), min(a.Priority, b.Priority)), b.Priority - a.Priority
	}
	if la, lb := runes(a), runes(b); la != lb {
		return fmt.Sprintf("longer match (%d > %d characters)", max(la, lb), min(la, lb)), lb - la
	}
	if a.Start != b.Start {
		return "leftmost match", a.Start - b.Start
	}
	if a.Order != b.Order {
		return "earlier rule in load order", a.Order - b.Order
	}
	return "same span, same rule: first found", 0
}

func stageRank(kind string) int {
	if i := slices.Index(rules.StageOrder, rules.Stage(kind)); i >= 0 {
		return i
	}
	return len(rules.StageOrder)
}

// runes is a candidate's length in characters, from Text when it is set,
// else its byte length.
func runes(c *Candidate) int {
	if c.Text != "" {
		return utf8.RuneCountInString(c.Text)
	}
	return c.End - c.Start
}

func overlaps(a, b Span) bool { return a.Start < b.End && b.Start < a.End }
