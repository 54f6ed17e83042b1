// Package corpus finds a run's inputs, decodes them into documents and
// repairs their layout.
//
// A [Document] holds two texts. Raw is the source as read, decoded to UTF-8;
// Text is the normalized text every extractor works on: OCR'd column breaks
// joined, full-width digits, Latin letters and ％ folded to half-width,
// paragraphs separated by a single "\n". Offsets inside Go are byte offsets
// into Text; [Document.RawOffset] maps one back into Raw, so a span found in
// the repaired text can be shown in the original file.
//
// With no input at all the embedded sample report, an OCR'd newspaper page
// about Beibei District, Chongqing, is read.
package corpus
