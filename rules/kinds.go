package rules

// Stage is the extractor a rule feeds.
type Stage string

const (
	StageTime     Stage = "time"
	StageEntity   Stage = "entity"
	StageQuantity Stage = "quantity"
	// StageText rules change how every stage reads a text (folding
	// traditional characters); they produce no records of their own.
	StageText Stage = "text"
)

// StageOrder is the order stages run in and win conflicts in.
var StageOrder = []Stage{StageTime, StageEntity, StageQuantity}

// Kind describes one kind of rule: what it feeds and what it may contain.
type Kind struct {
	Name  string
	Stage Stage
	Doc   string
	// Needs lists the fields a rule of this kind must set: "pattern",
	// "terms", "list", "value".
	Needs []string
	// Calls lists the Go conversions a rule of this kind may name in call;
	// empty means call is not allowed.
	Calls []string
	// Values, when not empty, lists the allowed term (or rule) values.
	Values []string
}

// Kinds lists every rule kind, in the order `rules list` shows them.
// Enumerations here are the table contract of DESIGN.md, not vocabulary.
var Kinds = []Kind{
	// Text.
	{Name: "fold", Stage: StageText, Doc: "a table of characters read as others (traditional → simplified), same length in UTF-8", Needs: []string{"list"}},
	// Quantities.
	{Name: "number", Stage: StageQuantity, Doc: "a number pattern and its conversion",
		Needs: []string{"pattern", "call"}, Calls: []string{"arabic", "chinese", "fraction", "percent_words", "mixed"}},
	{Name: "scale", Stage: StageQuantity, Doc: "scale words written after a number (万, 亿)", Needs: []string{"terms"}},
	{Name: "unit", Stage: StageQuantity, Doc: "units with their canonical code, dimension and factor", Needs: []string{"terms"},
		Values: nil,
		// doublings: the number counts doublings (翻两番 = 4 times);
		// cued: the unit holds only when a context word of value
		// "cue:<dimension>" is in the clause (度 as kWh after 用电).
		Calls: []string{"doublings", "cued"}},
	{Name: "measure", Stage: StageQuantity, Doc: "measure words: a count whose unit is the word itself", Needs: []string{"terms"}},
	{Name: "qualifier", Stage: StageQuantity, Doc: "words that qualify a number (约, 余, 超过)", Needs: []string{"terms"},
		Values: []string{"approx", "at_least", "nearly", "over", "under"}},
	{Name: "change", Stage: StageQuantity, Doc: "verbs that make a figure a change", Needs: []string{"terms"},
		Values: []string{"increase", "decrease"}},
	{Name: "basis", Stage: StageQuantity, Doc: "what a change is measured against", Needs: []string{"terms"}},
	{Name: "not_quantity", Stage: StageQuantity, Doc: "spans that are never quantities (ordinals, names)"},
	{Name: "context", Stage: StageQuantity, Doc: "words that help find a figure's indicator and subject", Needs: []string{"terms"}},
	// Times.
	{Name: "time", Stage: StageTime, Doc: "a time pattern and its resolver", Needs: []string{"pattern", "call"},
		Calls: []string{"year", "year_part", "month", "date", "range", "plan_period", "relative", "quarter", "half"}},
	{Name: "time_word", Stage: StageTime, Doc: "words that name relative periods", Needs: []string{"terms"}},
	{Name: "not_time", Stage: StageTime, Doc: "spans that are never times"},
	// Entities.
	{Name: "gazetteer", Stage: StageEntity, Doc: "a list of names with type, canonical name and code", Needs: []string{"list"}},
	{Name: "suffix", Stage: StageEntity, Doc: "name suffixes that make an entity of a type", Needs: []string{"terms"},
		Values: []string{"ORG", "LOC", "PER", "DOC"}},
	{Name: "entity_pattern", Stage: StageEntity, Doc: "a pattern whose match (group name) is an entity",
		Needs: []string{"pattern", "value"}, Values: []string{"ORG", "LOC", "PER", "DOC"}},
	{Name: "title", Stage: StageEntity, Doc: "titles followed by a person's name", Needs: []string{"terms"}},
	{Name: "not_entity", Stage: StageEntity, Doc: "names that are never entities"},
	{Name: "name_word", Stage: StageEntity, Doc: "words that stand inside a name though gse tags them otherwise (inside: 创新, 应用), or that end one (stop: 暨, 和)",
		Needs: []string{"terms"}, Values: []string{"inside", "stop"}},
	{Name: "member_cue", Stage: StageEntity, Doc: "nouns after 等 (and a count) that make each member of the list before it an entity (企业, 高校)",
		Needs: []string{"terms"}, Values: []string{"ORG", "LOC", "PER"}},
	{Name: "surname", Stage: StageEntity, Doc: "family names, with which a person's name must start", Needs: []string{"terms"}},
}

var kindByName = func() map[string]*Kind {
	m := make(map[string]*Kind, len(Kinds))
	for i := range Kinds {
		if _, dup := m[Kinds[i].Name]; dup {
			panic("rules: duplicate kind " + Kinds[i].Name)
		}
		m[Kinds[i].Name] = &Kinds[i]
	}
	return m
}()

// KindOf returns the kind with the given name.
func KindOf(name string) (*Kind, bool) {
	k, ok := kindByName[name]
	return k, ok
}
