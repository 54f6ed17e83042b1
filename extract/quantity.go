package extract

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/baogao/baogao/rules"
)

// Quantities finds figures. (First cut: Arabic numbers with 万/亿 and a
// unit from the rule set.)
type Quantities struct {
	units []unitWord
	re    *regexp.Regexp
}

type unitWord struct {
	word      string
	unit, dim string
	factor    float64
	rule      string
}

// NewQuantities builds the quantity extractor from the unit rules.
func NewQuantities(set *rules.Set) (Extractor, error) {
	q := &Quantities{}
	var alts []string
	for _, r := range set.OfKind("unit") {
		for _, t := range r.Terms {
			f := t.Factor
			if f == 0 {
				f = 1
			}
			for _, w := range t.Words {
				q.units = append(q.units, unitWord{w, t.Value, t.Dimension, f, r.ID})
				alts = append(alts, regexp.QuoteMeta(w))
			}
		}
	}
	q.re = regexp.MustCompile(`([0-9]+(?:\.[0-9]+)?)(万|亿)?(` + strings.Join(alts, "|") + `)`)
	return q, nil
}

func (q *Quantities) Name() string { return "quantities" }

func (q *Quantities) Extract(d *Doc, r *Records) {
	for si, s := range d.Sentences {
		for _, m := range q.re.FindAllStringSubmatchIndex(d.Text[s.Start:s.End], -1) {
			v, err := strconv.ParseFloat(d.Text[s.Start+m[2]:s.Start+m[3]], 64)
			if err != nil {
				continue
			}
			if m[4] >= 0 {
				switch d.Text[s.Start+m[4] : s.Start+m[5]] {
				case "万":
					v *= 1e4
				case "亿":
					v *= 1e8
				}
			}
			word := d.Text[s.Start+m[6] : s.Start+m[7]]
			for _, u := range q.units {
				if u.word == word {
					r.Quantities = append(r.Quantities, Quantity{
						Span: Span{s.Start + m[0], s.Start + m[1]}, Sentence: si,
						Text: d.Text[s.Start+m[0] : s.Start+m[1]], Value: v * u.factor,
						Unit: u.unit, Dimension: u.dim, Qualifier: "exact", Rule: u.rule,
					})
					break
				}
			}
		}
	}
}
