package extract

import (
	"cmp"
	"slices"

	"github.com/baogao/baogao/rules"
	"github.com/baogao/baogao/segment"
)

// Flatten returns r's records as [rules.Record]s, the flat form the rule
// harness and `baogao explain` compare and print, ordered by start offset,
// then stage (time, entity, quantity), then end.
func Flatten(r *Records) []rules.Record {
	out := make([]rules.Record, 0, len(r.Times)+len(r.Entities)+len(r.Quantities))
	for _, t := range r.Times {
		out = append(out, rules.Record{Stage: rules.StageTime, Start: t.Start, End: t.End, Text: t.Text,
			ValueText: t.Value, Granularity: t.Granularity, Rule: t.Rule})
	}
	for _, e := range r.Entities {
		out = append(out, rules.Record{Stage: rules.StageEntity, Start: e.Start, End: e.End, Text: e.Text,
			Type: e.Type, Normalized: e.Normalized, RegionCode: e.RegionCode, Rule: e.Rule})
	}
	for _, q := range r.Quantities {
		rec := rules.Record{Stage: rules.StageQuantity, Start: q.Start, End: q.End, Text: q.Text,
			Value: q.Value, Unit: q.Unit, Dimension: q.Dimension, Qualifier: q.Qualifier, Change: q.Change,
			Basis: q.Basis, Period: q.Period, Indicator: q.Indicator, Subject: q.Subject, Rule: q.Rule}
		if q.ValueMax != nil {
			rec.ValueMax, rec.HasMax = *q.ValueMax, true
		}
		out = append(out, rec)
	}
	slices.SortStableFunc(out, func(a, b rules.Record) int {
		return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(stageRank(string(a.Stage)), stageRank(string(b.Stage))), cmp.Compare(a.End, b.End))
	})
	return out
}

// RuleRunner returns the [rules.Runner] of the real pipeline: it segments
// a text as one paragraph with seg, runs p over it and flattens the
// records. It is what `baogao rules test` and the built-in examples test
// use. It is safe for concurrent use when seg and p are.
func RuleRunner(seg *segment.Segmenter, p *Pipeline) rules.Runner {
	return ruleRunner{seg, p}
}

type ruleRunner struct {
	seg *segment.Segmenter
	p   *Pipeline
}

func (r ruleRunner) Run(text string) []rules.Record {
	recs := r.p.Extract(r.p.Segment(r.seg, text, nil))
	return Flatten(&recs)
}
