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
	order := make([]int, len(cands))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		_, c := compare(&cands[a], &cands[b])
		return c
	})
	var won []int
	for _, i := range order {
		c := &cands[i]
		c.Won, c.LostTo, c.LostToText, c.Reason = true, "", "", ""
		for _, w := range won {
			if overlaps(c.Span, cands[w].Span) {
				reason, _ := compare(&cands[w], c)
				c.Won, c.LostTo, c.LostToText, c.Reason = false, cands[w].Rule, cands[w].Text, reason
				break
			}
		}
		if c.Won {
			won = append(won, i)
		}
	}
	slices.SortFunc(won, func(a, b int) int {
		if cands[a].Start != cands[b].Start {
			return cands[a].Start - cands[b].Start
		}
		return cands[a].End - cands[b].End
	})
	return won
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
