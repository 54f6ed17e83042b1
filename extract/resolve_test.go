package extract

import (
	"fmt"
	"strings"
	"testing"
)

// cand builds a candidate over text[start:end] (byte offsets).
func cand(text string, start, end int, kind, rule string, prio, order int) Candidate {
	return Candidate{Span: Span{start, end}, Kind: kind, Text: text[start:end], Rule: rule, Priority: prio, Order: order}
}

func TestResolve(t *testing.T) {
	const s1 = "2019年利润36.83亿元" // 2019年 = [0,7), 36.83亿元 = [13,24)
	const s2 = "三峡集团投资"         // 三峡集团 = [0,12), 三 = [0,3)
	const s3 = "近300家企业"        // 近300家 = [0,9), 300家 = [3,9)
	tests := []struct {
		name  string
		cands []Candidate
		want  string // winners, then each loser as text<winner-rule: reason
	}{
		{
			name: "time blocks quantity",
			cands: []Candidate{
				cand(s1, 0, 7, "quantity", "unit.year", 20, 0),
				cand(s1, 0, 7, "time", "time.year", 0, 5),
				cand(s1, 13, 24, "quantity", "unit.currency", 10, 1),
			},
			want: "won 2019年 36.83亿元; 2019年<time.year: time stage comes before quantity",
		},
		{
			name: "entity blocks a number in a name",
			cands: []Candidate{
				cand(s2, 0, 3, "quantity", "count.bare", 0, 0),
				cand(s2, 0, 12, "entity", "suffix.org", 0, 9),
			},
			want: "won 三峡集团; 三<suffix.org: entity stage comes before quantity",
		},
		{
			name: "priority before length",
			cands: []Candidate{
				cand(s3, 0, 9, "quantity", "a", 1, 0),
				cand(s3, 3, 9, "quantity", "b", 5, 1),
			},
			want: "won 300家; 近300家<b: higher priority (5 > 1)",
		},
		{
			name: "longest match",
			cands: []Candidate{
				cand(s3, 3, 9, "quantity", "b", 1, 0),
				cand(s3, 0, 9, "quantity", "a", 1, 1),
			},
			want: "won 近300家; 300家<a: longer match (5 > 4 characters)",
		},
		{
			name: "leftmost",
			cands: []Candidate{
				cand("abcd", 1, 3, "quantity", "b", 0, 0),
				cand("abcd", 0, 2, "quantity", "a", 0, 1),
			},
			want: "won ab; bc<a: leftmost match",
		},
		{
			name: "rule order",
			cands: []Candidate{
				cand(s3, 0, 9, "quantity", "late", 0, 7),
				cand(s3, 0, 9, "quantity", "early", 0, 3),
			},
			want: "won 近300家; 近300家<early: earlier rule in load order",
		},
		{
			name: "touching spans both win",
			cands: []Candidate{
				cand(s1, 7, 13, "quantity", "a", 0, 0),
				cand(s1, 0, 7, "time", "b", 0, 0),
			},
			want: "won 2019年 利润",
		},
		{
			name: "a loser does not block",
			cands: []Candidate{
				cand("abcdef", 0, 3, "time", "t", 0, 0),     // abc wins
				cand("abcdef", 2, 5, "entity", "e", 0, 0),   // cde loses to abc
				cand("abcdef", 4, 6, "quantity", "q", 0, 0), // ef overlaps only the loser
			},
			want: "won abc ef; cde<t: time stage comes before entity",
		},
		{
			name:  "none",
			cands: nil,
			want:  "won",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			won := Resolve(tt.cands)
			parts := []string{"won"}
			for _, i := range won {
				parts = append(parts, tt.cands[i].Text)
			}
			got := strings.Join(parts, " ")
			for _, c := range tt.cands {
				if !c.Won {
					got += fmt.Sprintf("; %s<%s: %s", c.Text, c.LostTo, c.Reason)
				}
			}
			if got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestClaimedBlocksLaterStage(t *testing.T) {
	r := &Records{Times: []Time{{Span: Span{0, 7}, Text: "2019年", Rule: "time.year"}}}
	cs := append(Claimed(r), cand("2019年利润", 0, 4, "quantity", "number.arabic", 0, 0))
	won := Resolve(cs)
	if len(won) != 1 || cs[won[0]].Kind != "time" {
		t.Errorf("got winners %v; want only the time", won)
	}
	if got, want := cs[1].LostTo, "time.year"; got != want {
		t.Errorf("got LostTo %q; want %q", got, want)
	}
}

func ExampleResolve() {
	text := "2019年增长15%"
	cands := []Candidate{
		{Span: Span{0, 4}, Kind: "quantity", Text: "2019", Rule: "number.arabic"},
		{Span: Span{0, 7}, Kind: "time", Text: "2019年", Rule: "time.year"},
		{Span: Span{13, 16}, Kind: "quantity", Text: "15%", Rule: "unit.percent", Priority: 10},
	}
	for _, i := range Resolve(cands) {
		fmt.Println("won:", text[cands[i].Start:cands[i].End], cands[i].Rule)
	}
	for _, c := range cands {
		if !c.Won {
			fmt.Printf("lost: %s to %s (%s): %s\n", c.Text, c.LostToText, c.LostTo, c.Reason)
		}
	}
	// Output:
	// won: 2019年 time.year
	// won: 15% unit.percent
	// lost: 2019 to 2019年 (time.year): time stage comes before quantity
}
