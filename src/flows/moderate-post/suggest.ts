/**
 * Pre-ticks categories from the words the user opened with ("någon skrev ett hot i kommentarerna"). Only a
 * suggestion on the card the user confirms; the text is used for this one match and never kept.
 */
const WORDS: Record<string, readonly string[]> = {
  unlawful_threat: ['hot', 'hotet', 'hoten', 'hotar', 'hotade', 'hotfull', 'hotfullt', 'hotfulla', 'hotelse', 'hotelser', 'dödshot', 'mordhot', 'threat'],
  hate_speech: ['hets', 'rasism', 'rasistisk', 'rasistiskt', 'rasistiska'],
  incitement: ['uppvigling', 'brottsuppmaning'],
  unlawful_privacy_intrusion: ['integritetsintrång', 'nakenbild', 'nakenbilder'],
  child_sexual_abuse_material: ['barnpornografi', 'barnporr', 'övergreppsmaterial'],
  unlawful_violence_depiction: ['våldsskildring', 'våldsskildringar'],
  pornography: ['porr', 'porrbild', 'porrbilder', 'pornografi', 'pornografisk', 'pornografiskt', 'pornografiska'],
  terrorism_related: ['terror', 'terrorism', 'terrorist', 'terrorbrott'],
  copyright_infringement: ['upphovsrätt', 'upphovsrätten', 'upphovsrättsintrång'],
  sensitive_personal_data: ['personnummer', 'personnumret', 'diagnos', 'diagnosen'],
  confidential_information: ['sekretess', 'sekretessbelagd', 'sekretessbelagda', 'sekretessbelagt'],
  defamation_or_insult: ['förtal', 'förolämpning', 'förolämpningar', 'förolämpande', 'påhopp', 'personangrepp', 'kränkande'],
  harassment: ['trakasserier', 'trakasserar', 'trakasserade', 'sexistisk', 'sexistiskt', 'sexistiska', 'sexism'],
  profanity: ['svordom', 'svordomar', 'svär', 'svor', 'obscen', 'obscent', 'obscena'],
  party_political: ['partipolitik', 'partipolitiskt', 'partipolitiska', 'valpropaganda', 'valreklam'],
  advertising: ['reklam', 'spam', 'annons', 'annonser', 'säljer'],
  question: ['frågade', 'frågar', 'undrar', 'undrade'],
  case_related: ['ärende', 'ärendet', 'ansökan', 'överklagande'],
  complaint_or_opinion: ['klagomål', 'klagar', 'klagade', 'kritik', 'kritiserar', 'missnöjd', 'missnöje', 'åsikt', 'åsikter'],
};

export function suggestCategories(text: string | undefined): string[] {
  if (!text) return [];
  const tokens = new Set(
    text
      .toLowerCase()
      .split(/[^a-zåäöéü0-9]+/)
      .filter(Boolean),
  );
  return Object.entries(WORDS)
    .filter(([, words]) => words.some((word) => tokens.has(word)))
    .map(([category]) => category);
}
