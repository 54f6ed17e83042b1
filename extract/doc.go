// Package extract finds quantities, times and entities in segmented text.
//
// An [Extractor] reads a [Doc] (normalized text, sentences, tokens) and
// appends records to [Records]. Extractors run in a fixed order — times,
// entities, quantities — so that a later one can use what an earlier one
// found: a quantity's period comes from the times before it, its subject
// from the entities. Every record carries byte offsets into Doc.Text and
// the id of the rule that produced it.
//
// Vocabulary (units, measure words, qualifiers, change verbs, suffixes,
// gazetteers) comes from a [rules.Set]; this package holds the matching and
// the number and unit conversion code that rules call by name.
package extract
