// Package rules loads, validates and tests baogao's rule files.
//
// Rules are YAML files. The built-in ones live under rules/builtin/ and are
// embedded in the binary; a user folder given with --rules adds rules and
// replaces built-ins that have the same id. A file holds a list of rules:
//
//	rules:
//	  - id: unit.currency.cny
//	    kind: unit
//	    priority: 10
//	    terms:
//	      - {words: [元], value: CNY, dimension: currency, factor: 1}
//	    examples:
//	      - text: 实现利润36.83亿元
//	        want: [{text: 36.83亿元, value: 3683000000, unit: CNY}]
//	    not: [元旦]
//
// Each rule has an id, a kind (see [Kinds]), a priority, the vocabulary
// (terms, a list file) or pattern it uses, and examples: sentences with the
// records they must produce, `not` sentences that must produce nothing of
// the rule's stage, and `todo` examples for known gaps, reported but not
// failing.
//
// `words:` takes a list or, for one word, a plain string (words: 标准箱).
//
// [Test] runs the examples through a [Runner] (extract.RuleRunner is the
// real pipeline; `baogao rules test` and `go test ./rules` use it). A want
// lists only the fields it cares about; its stage follows from them (unit
// … for a quantity, granularity for a time, type … for an entity), else it
// is the rule's own stage. A not sentence must produce nothing at all of
// the rule's stage. Each failure is reported at the example's file:line.
//
// Decoding is strict: unknown keys, bad regular expressions, unknown kinds,
// calls and enum values are errors, each reported as
// file:line:col: rule-id: message, all of them together. A [Set] that
// loaded without error cannot fail later on bad configuration.
//
// When two candidates overlap, the winner is decided in one order: stage
// (time, then entity, then quantity), then higher priority, then the longer
// match, then the leftmost, then the rule that comes first in load order
// (see extract.Resolve, which implements it).
package rules
