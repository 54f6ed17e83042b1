package extract

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/baogao/baogao/rules"
	"github.com/baogao/baogao/segment"
)

// goldDoc builds the sample's Doc the way the gold files were made: the
// paragraphs without their `# `/`@ ` marks, joined with "\n", one
// paragraph per line, segmented by the default segmenter.
func goldDoc(tb testing.TB, file string) *Doc {
	tb.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		tb.Fatal(err)
	}
	var lines []string
	for _, l := range strings.Split(strings.TrimRight(string(b), "\n"), "\n") {
		l = strings.TrimPrefix(strings.TrimPrefix(l, "# "), "@ ")
		lines = append(lines, l)
	}
	text := strings.Join(lines, "\n")
	var paras []segment.Span
	at := 0
	for _, l := range lines {
		paras = append(paras, segment.Span{Start: at, End: at + len(l)})
		at += len(l) + 1
	}
	seg, err := segment.Default()
	if err != nil {
		tb.Fatal(err)
	}
	return &Doc{Text: text, Sentences: seg.Sentences(text, paras)}
}

var (
	testSetOnce sync.Once
	testSet     *rules.Set
	testSetErr  error
)

func builtinSet(tb testing.TB) *rules.Set {
	tb.Helper()
	testSetOnce.Do(func() { testSet, testSetErr = rules.Builtin() })
	if testSetErr != nil {
		tb.Fatal(testSetErr)
	}
	return testSet
}

func newTimes(tb testing.TB) Extractor {
	tb.Helper()
	x, err := NewTimes(builtinSet(tb))
	if err != nil {
		tb.Fatal(err)
	}
	return x
}

// score compares found keys with gold keys as multisets. Gold keys marked
// optional neither reward nor penalise: a found key that matches one is
// dropped from both sides.
func score(got []string, want, optional map[string]int) (tp, fp, fn int, extra, missing []string) {
	left := map[string]int{}
	for k, n := range want {
		left[k] = n
	}
	opt := map[string]int{}
	for k, n := range optional {
		opt[k] = n
	}
	for _, g := range got {
		switch {
		case left[g] > 0:
			left[g]--
			tp++
		case opt[g] > 0:
			opt[g]--
		default:
			fp++
			extra = append(extra, g)
		}
	}
	for k, n := range left {
		fn += n
		for range n {
			missing = append(missing, k)
		}
	}
	sort.Strings(extra)
	sort.Strings(missing)
	return
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

func readJSONL(tb testing.TB, file string, each func(line []byte)) {
	tb.Helper()
	f, err := os.Open(file)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if len(strings.TrimSpace(sc.Text())) > 0 {
			each(sc.Bytes())
		}
	}
}

// TestTimesGold scores the extractor on the sample report against the
// gold times: every (text, value, granularity) as a multiset.
func TestTimesGold(t *testing.T) {
	d := goldDoc(t, filepath.Join("testdata", "times", "beibei-paragraphs.txt"))
	var r Records
	newTimes(t).Extract(d, &r)
	want, optional := map[string]int{}, map[string]int{}
	readJSONL(t, filepath.Join("testdata", "times", "beibei-times.jsonl"), func(b []byte) {
		var g struct {
			Text, Granularity string
			Value             *string
			Optional          bool
		}
		if err := json.Unmarshal(b, &g); err != nil {
			t.Fatal(err)
		}
		v := ""
		if g.Value != nil {
			v = *g.Value
		}
		k := g.Text + "|" + v + "|" + g.Granularity
		if g.Optional {
			optional[k]++
		} else {
			want[k]++
		}
	})
	var got []string
	for _, tm := range r.Times {
		if d.Text[tm.Start:tm.End] != tm.Text {
			t.Errorf("time %q: span [%d,%d) reads %q", tm.Text, tm.Start, tm.End, d.Text[tm.Start:tm.End])
		}
		got = append(got, tm.Text+"|"+tm.Value+"|"+tm.Granularity)
	}
	tp, fp, fn, extra, missing := score(got, want, optional)
	p, rc := ratio(tp, tp+fp), ratio(tp, tp+fn)
	t.Logf("times: precision %.3f (%d/%d), recall %.3f (%d/%d)", p, tp, tp+fp, rc, tp, tp+fn)
	if testing.Verbose() || p < 0.95 || rc < 0.95 {
		for _, e := range extra {
			t.Logf("extra:   %s", e)
		}
		for _, m := range missing {
			t.Logf("missing: %s", m)
		}
	}
	if p < 0.95 || rc < 0.95 {
		t.Errorf("times: precision %.3f, recall %.3f; want both ≥ 0.95", p, rc)
	}
}

func TestTimes(t *testing.T) {
	tests := []struct {
		name      string
		text      string
		published string
		want      []string // text|value|granularity|sentence
	}{
		{"year", "2019年，北碚区新增企业25家。", "", []string{"2019年|2019|year|0"}},
		{"chinese year", "二〇一九年是关键之年", "", []string{"二〇一九年|2019|year|0"}},
		{"year end", "到2019年底，产值占55%。", "", []string{"2019年底|2019-12|month|0"}},
		{"date without year", "在4月1日召开的会议上", "", []string{"4月1日|XXXX-04-01|day|0"}},
		{"date takes year from paragraph", "2020年，全区召开大会。4月1日，项目开工。", "", []string{"2020年|2020|year|0", "4月1日|2020-04-01|day|1"}},
		{"date takes year from published", "4月1日，项目开工。", "2020-05-06", []string{"4月1日|2020-04-01|day|0"}},
		{"full date", "2020年4月1日召开会议", "", []string{"2020年4月1日|2020-04-01|day|0"}},
		{"iso date", "发布时间：2026-02-03", "", []string{"2026-02-03|2026-02-03|day|0"}},
		{"year range", "2021-2025年，全区将新建学校", "", []string{"2021-2025年|2021/2025|year|0"}},
		{"year range dash", "2018—2020年", "", []string{"2018—2020年|2018/2020|year|0"}},
		{"month range", "2019年1-7月，增加值增长6.2%", "", []string{"2019年1-7月|2019-01/2019-07|month|0"}},
		{"quarter", "一季度，投资增长12%", "", []string{"一季度|XXXX-Q1|quarter|0"}},
		{"first three quarters", "2019年前三季度", "", []string{"2019年前三季度|2019-Q1/2019-Q3|quarter|0"}},
		{"half", "上半年，全区新增企业500家", "2019", []string{"上半年|2019-H1|half|0"}},
		{"plan period", "“十四五”时期，全区将建成", "", []string{"“十四五”时期|2021/2025|year|0"}},
		{"plan period 13", "十三五期间", "", []string{"十三五期间|2016/2020|year|0"}},
		{"relative unresolved", "目前，合作已进入实质阶段", "", []string{"目前||relative|0"}},
		{"relative now", "目前，合作已进入实质阶段", "2020-05-06", []string{"目前|2020-05-06|day|0"}},
		{"last year", "去年，全区生产总值增长6%", "2020-05-06", []string{"去年|2019|year|0"}},
		{"last year unresolved", "较上年提高了8个百分点", "", []string{"上年||relative|0"}},
		{"recent years", "近两年来，北碚区委坚持创新", "2020", []string{"近两年来|2019/2020|year|0"}},
		{"next step", "下一步将启动建设观光车环道", "", []string{"下一步||relative|0"}},
		{"dateline", "2020年5月6日\n去年全区增长6%", "", []string{"2020年5月6日|2020-05-06|day|0", "去年|2019|year|1"}},
		{"not times", "扩大产能到年产值20亿元，同时在纳税人年度测评中，现已引进，即将动工", "", nil},
		{"title count", "双方正在编制合作的《三年行动方案》", "", nil},
		{"year in a longer number", "编号12019年", "", nil},
		{"full-width digits untouched", "２０１９年", "", nil},
	}
	x := newTimes(t)
	seg, err := segment.Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var paras []segment.Span
			at := 0
			for _, l := range strings.Split(tt.text, "\n") {
				paras = append(paras, segment.Span{Start: at, End: at + len(l)})
				at += len(l) + 1
			}
			d := &Doc{Text: tt.text, Sentences: seg.Sentences(tt.text, paras), Published: tt.published}
			var r Records
			x.Extract(d, &r)
			var got []string
			for _, tm := range r.Times {
				got = append(got, fmt.Sprintf("%s|%s|%s|%d", tm.Text, tm.Value, tm.Granularity, tm.Sentence))
			}
			if strings.Join(got, "; ") != strings.Join(tt.want, "; ") {
				t.Errorf("got %q; want %q", got, tt.want)
			}
		})
	}
}

// TestTimeEntityRuleExamples runs every example and not sentence of every
// time- and entity-stage rule through the whole pipeline.
func TestTimeEntityRuleExamples(t *testing.T) {
	set := builtinSet(t)
	p, err := New(set)
	if err != nil {
		t.Fatal(err)
	}
	seg, err := segment.Default()
	if err != nil {
		t.Fatal(err)
	}
	rep := rules.Test(set, RuleRunner(seg, p))
	n := 0
	for _, f := range rep.Failures {
		st := set.Rule(f.Rule).Stage()
		if st == rules.StageTime || st == rules.StageEntity {
			t.Error(f.String())
		}
	}
	for _, r := range set.Rules() {
		if st := r.Stage(); st == rules.StageTime || st == rules.StageEntity {
			n++
			if len(r.Examples) == 0 && len(r.Not) == 0 {
				t.Errorf("%s:%d: %s: a built-in rule needs examples", r.File, r.Line, r.ID)
			}
		}
	}
	if n == 0 {
		t.Error("no time or entity rules")
	}
}

func BenchmarkTimes(b *testing.B) {
	d := goldDoc(b, filepath.Join("testdata", "times", "beibei-paragraphs.txt"))
	x := newTimes(b)
	b.SetBytes(int64(len(d.Text)))
	b.ReportAllocs()
	for b.Loop() {
		var r Records
		x.Extract(d, &r)
	}
}

func FuzzTimes(f *testing.F) {
	for _, s := range []string{"2019年底，产值占55%", "在4月1日召开的会议上", "“十四五”时期", "2019年1-7月", "近两年来", "２０１９年", "二〇一九年前三季度", "2026-02-03"} {
		f.Add(s, "")
	}
	f.Add("去年增长", "2020-05-06")
	seg, err := segment.Default()
	if err != nil {
		f.Fatal(err)
	}
	x := newTimes(f)
	f.Fuzz(func(t *testing.T, text, published string) {
		d := &Doc{Text: text, Sentences: seg.Sentences(text, nil), Published: published}
		var r Records
		x.Extract(d, &r)
		for _, tm := range r.Times {
			if tm.Start < 0 || tm.Start > tm.End || tm.End > len(text) || text[tm.Start:tm.End] != tm.Text {
				t.Fatalf("time %+v outside %q", tm, text)
			}
			if tm.Sentence < 0 || tm.Sentence >= len(d.Sentences) {
				t.Fatalf("time %+v: sentence out of range", tm)
			}
		}
	})
}

// TestAtTokenBound checks atTokenBound against tokenBounds at every
// offset in and around the gold text's sentences.
func TestAtTokenBound(t *testing.T) {
	d := goldDoc(t, filepath.Join("testdata", "times", "beibei-paragraphs.txt"))
	for _, s := range d.Sentences {
		b := tokenBounds(s.Start, s.End, s.Tokens)
		for o := s.Start - 2; o <= s.End+70; o++ {
			if got, want := atTokenBound(s, o), b.has(o-s.Start); got != want {
				t.Fatalf("sentence %d-%d, offset %d: got %v; want %v", s.Start, s.End, o, got, want)
			}
		}
	}
}

// offsetSet is the set of byte offsets, relative to a sentence's start,
// where one of its tokens starts or ends: the reference of atTokenBound,
// which the extractors used before it.
type offsetSet []uint64

func tokenBounds(start, end int, toks []segment.Token) offsetSet {
	s := make(offsetSet, (end-start)/64+2)
	set := func(o int) {
		o -= start
		if o >= 0 && o <= end-start {
			s[o>>6] |= 1 << (uint(o) & 63)
		}
	}
	set(start)
	set(end)
	for _, tk := range toks {
		set(tk.Start)
		set(tk.End)
	}
	return s
}

func (s offsetSet) has(o int) bool {
	return o >= 0 && o>>6 < len(s) && s[o>>6]&(1<<(uint(o)&63)) != 0
}
