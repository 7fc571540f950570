// Words that tell what a piece of a CV is: section headings, job titles, employers, schools,
// degrees, places. Four languages (en, de, fr, es); matched on folded text (lower case, no accents).
import { fold } from './text.ts';

export type SectionKey =
  | 'summary'
  | 'experience'
  | 'education'
  | 'skills'
  | 'projects'
  | 'certificates'
  | 'languages'
  | 'volunteer'
  | 'awards'
  | 'publications'
  | 'memberships'
  | 'interests'
  | 'references'
  | 'contact'
  | 'notes';

const HEADINGS: Record<Exclude<SectionKey, 'notes'>, string> = {
  summary:
    'o meni|povzetek|o mne|apie mane|profilis|par mani|profils|minust|profiil|summary|professional summary|career summary|executive summary|profile|professional profile|personal profile|about me|about|objective|career objective|personal statement|' +
    'profil|kurzprofil|uber mich|zusammenfassung|berufliches profil|persoenliches profil|resume|profil professionnel|a propos|a propos de moi|objectif|' +
    'perfil|perfil profesional|resumen|resumen profesional|sobre mi|acerca de mi|objetivo|objetivo profesional|' +
    'о себе|профиль|профил|за мен|цель|προφιλ|σχετικα με εμενα|περιληψη|个人简介|自我评价|个人总结|自己pr|自己紹介|職務要約|概要|' +
    'om mig|sammanfattning|sammendrag|om meg|resume|' +
    'profiel|over mij|samenvatting|profilo|profilo professionale|chi sono|sommario|perfil profissional|sobre mim|resumo|profil zawodowy|o mnie|podsumowanie|o mne|shrnuti|hakkimda|ozet|podsumowanie zawodowe|profil osobisty|profil kandydata|perfil pessoal|profilo personale|over mezelf|profil|о себе и цели|자기소개|요약|소개|프로필|profiili|tiivistelma|esittely|szakmai osszefoglalo|bemutatkozas|profil profesional|despre mine|rezumat|про себе|профіль|резюме кандидата',
  experience:
    'delovne izkusnje|radne izkusnje|radno iskustvo|profesionalno iskustvo|pracovne skusenosti|pracovna prax|darbo patirtis|profesine patirtis|darba pieredze|profesionala pieredze|tookogemus|tookogemused|erialane kogemus|experience|work|work experience|professional experience|relevant experience|employment|employment history|work history|career history|career|' +
    "where i've worked|where i’ve worked|where i have worked|where ive worked|my experience|previous roles|roles|jobs|professional background|career background|experience and employment|" +
    'anstallningshistorik|arbetshistorik|historik|yrkeslivserfarenhet|arbeidshistorikk|ansettelseshistorikk|' +
    'internships|internship|internship experience|internships and work experience|praktika|praktikum|praktika und nebenjobs|experience de stage|stages et emplois|practicas profesionales|tirocini|estagios|praktyki|' +
    'ansættelser|ansaettelser|stillinger|ansettelser|anstallningar|tjanster|anstellungen|positionen|aanstellingen|impieghi|incarichi|postes occupes|cargos|' +
    'appointments|academic appointments|academic positions|positions|positions held|professional appointments|' +
    'posizioni|posizioni accademiche|incarichi accademici|esperienze accademiche|posiciones|cargos academicos|positions academiques|akademische positionen|academische posities|' +
    'berufserfahrung|berufliche erfahrung|beruflicher werdegang|praxiserfahrung|werdegang|berufspraxis|berufliche tatigkeit|berufliche tatigkeiten|' +
    'experience professionnelle|experiences professionnelles|experiences|parcours professionnel|parcours|' +
    'experiencia|experiencia laboral|experiencia profesional|trayectoria profesional|historial laboral|historial profesional|historia laboral|trayectoria|trayectoria laboral|vida laboral|experiencia laboral y profesional|' +
    'employment record|professional history|work record|career summary|career overview|historique professionnel|emplois occupes|berufliche stationen|berufliche laufbahn|berufstatigkeit|beruflicher hintergrund|percorso professionale|storia lavorativa|esperienze di lavoro|historico profissional|percurso profissional|trajetoria profissional|experiencia de trabalho|werkgeschiedenis|arbeidsverleden|loopbaanoverzicht|przebieg kariery|historia zatrudnienia|przebieg pracy zawodowej|' +
    'опыт работы|опыт|профессиональный опыт|професионален опит|трудов опит|професионална биография|трудовая деятельность|επαγγελματικη εμπειρια|εμπειρια|εργασιακη εμπειρια|' +
    '工作经历|工作經歷|工作经验|职业经历|職歴|職務経歴|経歴|' +
    'werkervaring|werkervaringen|professionele ervaring|loopbaan|esperienza|esperienze|esperienza professionale|esperienze professionali|esperienze lavorative|esperienza lavorativa|' +
    'arbetslivserfarenhet|arbetserfarenhet|yrkeserfarenhet|erfarenhet|arbeidserfaring|yrkeserfaring|erhvervserfaring|erfaring|' +
    'experiencia profissional|doswiadczenie|doswiadczenie zawodowe|pracovni zkusenosti|praxe|is deneyimi|deneyim|경력|경력사항|경력 사항|업무 경력|직무 경험|경험|tyokokemus|tyohistoria|tyoura|szakmai tapasztalat|munkatapasztalat|experienta profesionala|experienta|pracovni zkusenosti a praxe|zamestnani|досвід роботи|досвід|професіинии досвід|трудова діяльність|zkusenosti|pracovni zkusenosti|pracovne skusenosti|skusenosti|praxe a zkusenosti',
  education:
    'izobrazba|izobrazevanje|obrazovanje|obrazovanje i osposobljavanje|vzdelanie|issilavinimas|izglitiba|haridus|education|academic background|education and training|academic history|qualifications|' +
    'educacao e formacao|formacao e educacao|ausbildung|bildung|bildungsweg|schul- und berufsbildung|schul- und weiterbildung|schulbildung und ausbildung|aus- und weiterbildung|ausbildung und weiterbildung|schule und ausbildung|studium und ausbildung|studium|akademischer werdegang|schulbildung|schulische ausbildung|' +
    'formation|formations|parcours academique|etudes|diplomes|formation academique|' +
    'educacion|formacion|formacion academica|estudios|formacion reglada|estudios realizados|titulacion|titulaciones|formacion profesional|' +
    'ausbildung und studium|bildungsgang|schulischer werdegang|parcours scolaire|cursus|scolarite|percorso di studi|percorso formativo|studi|habilitacoes|habilitacoes literarias|opleidingen en cursussen|' +
    'образование|образование и обучение|εκπαιδευση|σπουδες|教育背景|教育经历|教育經歷|学历|学歴|' +
    'utbildning|utdanning|uddannelse|' +
    'opleiding|opleidingen|istruzione|formazione|istruzione e formazione|titoli di studio|formacao|formacao academica|educacao|wyksztalcenie|vzdelani|egitim|edukacja|wyksztalcenie i kursy|uddannelse og kurser|utbildning och kurser|opleiding en cursussen|istruzione|formazione accademica|formacion academica y complementaria|ogrenim|egitim bilgileri|학력|학력사항|교육|koulutus|opinnot|tanulmanyok|vegzettseg|educatie si formare|educatie|studii|vzdelani a kurzy|vzdelani a odborna priprava|vzdelanie a odborna priprava|wyksztalcenie i szkolenia|izobrazevanje in usposabljanje|освіта|vzdelanie',
  skills:
    'znanja|spretnosti|vjestine|vestine|kompetencije|zrucnosti|igudziai|gebejimai|prasmes|oskused|bilgisayar becerileri|bilgisayar bilgisi|it-kompetencer|it kompetencer|technical strengths|conocimientos tecnicos|yetkinlikler|fagomrader|informatica|conhecimentos|conhecimentos de informatica|competente tehnice|competente|abilitati|cunostinte|competente digitale|competences techniques et outils|' +
    // The rows of a Europass "Personal skills" part after its language grid.
    'job-related skills|communication skills|organisational / managerial skills|organisational skills|competencias profesionales|competencias digitales|competencias comunicativas|competencias organizativas|' +
    'competenze professionali|competenze digitali|competenze comunicative|competenze organizzative e gestionali|competences professionnelles|competences numeriques|competences en communication|competences organisationnelles|' +
    'competencias profissionais|competencias digitais|competencias de comunicacao|competencias relacionadas com o trabalho|competencias relacionadas com o|berufliche kompetenzen|digitale kompetenz|digitale kompetenzen|kommunikative fahigkeiten|' +
    'επαγγελματικες δεξιοτητες|ψηφιακες δεξιοτητες|επικοινωνιακες δεξιοτητες|οργανωτικες δεξιοτητες|' +
    'osobni dovednosti|komunikacni dovednosti|organizacni a rizeni dovednosti|pracovni dovednosti|digitalni dovednosti|osobne zrucnosti|umiejetnosci osobiste|' +
    'skills|technical skills|core skills|key skills|core competencies|competencies|expertise|areas of expertise|tools|technologies|tech stack|skills and tools|skills & tools|' +
    'software|methods|methods and software|methods and tools|computer skills|it skills|digital skills|technical proficiencies|proficiencies|toolbox|strengths|key strengths|' +
    'kenntnisse|fahigkeiten|fachkenntnisse|ich biete|digitale kompetenzen|kompetenzen|it-kenntnisse|edv-kenntnisse|fachliche kompetenzen|' +
    'competences|competences techniques|competences cles|savoir-faire|outils|' +
    'habilidades|competencias|conocimientos|aptitudes|herramientas|habilidades tecnicas|competencias personales|personal skills|competences personnelles|ατομικες δεξιοτητες|personliche fahigkeiten|competenze personali|capacidades personales|competencias pessoais|' +
    'умения и компетенции|компютърни умения|навыки|ключевые навыки|профессиональные навыки|умения|δεξιοτητες|ικανοτητες|技能|专业技能|技能特长|スキル|技術スキル|保有スキル|' +
    'kompetenser|fardigheter|kunskaper|ferdigheter|kompetanse|kompetencer|faerdigheder|færdigheder|' +
    'vaardigheden|competenties|kennis|competenze|competenze tecniche|capacita|competencias tecnicas|umiejetnosci|dovednosti|znalosti|beceriler|yetenekler|competences informatiques|informatique|conocimientos informaticos|competenze informatiche|it-kompetenser|datorkunskaper|it-kenntnisse und software|programy komputerowe|компьютерные навыки|기술|보유 기술|보유기술|스킬|역량|핵심 역량|taidot|osaaminen|atk-taidot|keszsegek|kompetenciak|competente|aptitudini|pocitacove dovednosti|dovednosti a znalosti|it dovednosti|навички|професіині навички|ключові навички|вміння|zrucnosti|schopnosti',
  projects:
    'relevant projects|proiecte relevante|proiecte|projets pertinents|proyectos relevantes|progetti rilevanti|relevante projecten|relevante projekte|' +
    'projetos selecionados|projetos em destaque|proyectos seleccionados|proyectos destacados|projets selectionnes|ausgewahlte projekte|progetti selezionati|geselecteerde projecten|wybrane projekty|' +
    'projekt|utvalda projekt|projektuppdrag|projects|personal projects|selected projects|key projects|academic projects|side projects|projekte|projets|proyectos|projekty|projetos|progetti|projecten|projekter|prosjekter|проекты|εργα|项目经历|项目经验|プロジェクト|projeler|projets personnels|proyectos personales|progetti personali|open source|프로젝트|주요 프로젝트|projektit|projektek|proiecte',
  certificates:
    'certifikati|certifikaty|certifikaty a kurzy|sertifikatai|sertifikati|sertifikaadid|licencije|registration|professional registration|επιμορφωση|abilitazioni|abilitazioni professionali|autorisasjon|autorisation|certifications & awards|certifications and awards|certifications|certificates|certification|licenses|licenses and certifications|licences|certifications and licenses|' +
    'professional qualifications|licensure|licensure and certification|licenses and certificates|accreditations|' +
    'courses|training|trainings|professional development|continuing education|continuing professional development|cpd|cursos y formacion|formation continue|' +
    'zertifikate|zertifizierungen|weiterbildung|weiterbildungen|fortbildungen|fort- und weiterbildungen|' +
    'certificats|habilitations|permis et habilitations|habilitations et permis|certifications et habilitations|certificaciones|certificados|cursos|cursos y certificaciones|formacao complementar|formacao profissional complementar|formacao continua|' +
    'сертификати|квалификации|курсове|сертификаты|курсы|πιστοποιησεις|证书|資格|資格・免許|免許・資格|' +
    'certifikat|certifieringar|sertifiseringer|sertifikater|certificeringer|kurser|kurs|' +
    'certificaten|certificeringen|certificazioni|certificati|certificacoes|certyfikaty|certifikaty|kurzy|sertifikalar|kursy|szkolenia|kursy i szkolenia|certyfikaty i szkolenia|corsi|corsi e certificazioni|corsi di formazione|cursos e certificacoes|cursussen|kurser og certificeringer|kurser och certifikat|formacion complementaria|formation complementaire|курсы и сертификаты|повышение квалификации|дополнительное образование|sertifikalar ve kurslar|licencias y certificaciones|자격증|자격|자격 및 면허|교육 이수|sertifikaatit|kurssit|todistukset|tanusitvanyok|kepzesek|certificari|cursuri|kurzy a certifikaty|certifikaty a kurzy|сертифікати|курси|курси та сертифікати|cursos complementares|cursos complementarios|corsi complementari|qualifikationen|zusatzqualifikationen|lisakoulutus|lisakoulutus ja patevyydet|patevyydet|kurzy a skoleni|szkolenia i certyfikaty|certificacoes e cursos|licenses & certifications|licences & certifications',
  languages:
    'jeziki|znanje jezikov|jezici|poznavanje jezika|strani jezici|jazyky|jazykove znalosti|kalbos|kalbu mokejimas|valodas|valodu zinasanas|keeled|keeleoskus|yabanci dil|languages|language skills|sprachen|sprachkenntnisse|langues|competences linguistiques|idiomas|lenguas|' +
    'езици|чужди езици|езикови умения|языки|знание языков|владение языками|γλωσσες|ξενες γλωσσες|语言|语言能力|語学|言語|' +
    'sprak|språk|sprog|sprakkunskaper|' +
    'talen|talenkennis|lingue|conoscenze linguistiche|competenze linguistiche|linguas|jezyki|jezyki obce|jazyky|jazykove znalosti|diller|yabanci diller|어학|외국어|언어|어학 능력|kielitaito|kielet|nyelvtudas|nyelvismeret|limbi straine|limbi|jazykove dovednosti|мови|знання мов|володіння мовами|' +
    // The labels of a Europass language grid, which opens the languages inside "Personal skills".
    'mother tongue|mother tongues|mother tongue(s)|other languages|other language(s)|muttersprache|muttersprachen|muttersprache(n)|weitere sprachen|sonstige sprachen|sonstige sprache(n)|' +
    'langue maternelle|langues maternelles|langue(s) maternelle(s)|autres langues|autre(s) langue(s)|lengua materna|lengua(s) materna(s)|otros idiomas|otras lenguas|otro(s) idioma(s)|' +
    'lingua madre|lingue madri|madrelingua|altre lingue|altra lingua|altre lingua|lingua materna|linguas maternas|lingua(s) materna(s)|outras linguas|outra(s) lingua(s)|μητρικη γλωσσα|μητρικες γλωσσες|λοιπες γλωσσες|αλλες γλωσσες',
  memberships:
    'memberships|membership|professional memberships|memberships and affiliations|affiliations|professional affiliations|professional bodies|professional associations|' +
    'mitgliedschaften|mitgliedschaft|verbandsmitgliedschaften|adhesions|affiliations professionnelles|associations professionnelles|membresias|afiliaciones|asociaciones profesionales|' +
    'iscrizioni ad albi e associazioni|affiliazioni|lidmaatschappen|czlonkostwo|medlemskap|medlemskaber|jasenyydet',
  volunteer:
    'attivita associative e di volontariato|nevenfuncties|nevenfunctie|tillidshverv|tillitsverv|nevenactiviteiten|activities|extracurricular activities|extracurricular|extracurriculars|extra-curricular activities|leadership|leadership and activities|leadership & activities|activities and leadership|fortroendeuppdrag|ideellt arbete|ideella uppdrag|volunteering|volunteer|volunteer experience|volunteer work|volunteering experience|community involvement|community service|ehrenamt|ehrenamtliches engagement|benevolat|voluntariado|frivilligt arbejde|frivilligt arbete|frivillig|frivillig innsats|vrijwilligerswerk|volontariato|wolontariat|dobrovolnictvi|gonullu calismalar|волонтерство|εθελοντισμος|engagement associatif|ehrenamtliche tatigkeit|soziales engagement|voluntariado e comunidade|voluntariat|activitate de voluntariat|dobrovolnicka cinnost|vapaaehtoistyo|onkentes munka',
  awards:
    'accomplishments|key accomplishments|logros clave|grants|research grants|funding|grants and funding|bevillinger|forskningsbevillinger|forskningsanslag|drittmittel|financements|financiaciones|finanziamenti|' +
    'premi|riconoscimenti|premios y distinciones|premios|premiacoes|premios e distincoes|nagrody|oceneni|onderscheidingen|prijzen|oduller|' +
    'awards|honors|honours|awards and honors|honors and awards|achievements|auszeichnungen|preise|prix|distinctions|prix et distinctions|premios|premios y reconocimientos|reconocimientos|logros|награды|достижения|βραβευσεις|διακρισεις|获奖|获奖经历|荣誉|受賞歴|表彰|utmarkelser|priser|udmaerkelser|prijzen en onderscheidingen|premi e riconoscimenti|nagrody i wyroznienia|wyroznienia|수상|수상 경력|수상경력',
  publications:
    'publikationer|udvalgte publikationer|publikasjoner|utvalgte publikasjoner|publikationer i urval|julkaisut|publicaties|pubblicazioni|publications choisies|publicacoes|publikace|publikacje|publicaciones seleccionadas|ausgewahlte publikationen|publications and presentations|papers|' +
    'publications|selected publications|publikationen|veroffentlichungen|veroeffentlichungen|publicaciones|публикации|δημοσιευσεις|论文|发表|論文',
  interests:
    // Dutch writes the plural with an apostrophe ("Hobby's"), folded to a straight one.
    'interesi|hobiji|zaujmy|pomegiai|intereses un hobiji|huvid|hobid|' +
    "захоплення|interests|hobbies|interessen|hobbys|hobby's|centres d'interet|centres d interet|loisirs|intereses|aficiones|интересы|хобби|ενδιαφεροντα|兴趣爱好|趣味|" +
    "zainteresowania|hobby|interesser|interesses|interessi|passatempi|intressen|fritidsintressen|hobbyer|fritid|ilgi alanlari|hobiler|hobbies en interesses|vrije tijd|tempo libero|zajmy|zajmy a konicky|увлечения|χομπι|loisirs et interets|centres d'interets|interests and hobbies|personal interests|freizeit|harrastukset|kiinnostuksen kohteet|hobbik|erdeklodes|hobby-uri|interese|취미|관심사|관심 분야",
  references:
    'referees|references|referenzen|referencias|referencer|referenser|referanser|referenties|referenze|referencje|reference|referanslar|рекомендации|συστασεις|references available on request|suosittelijat|referenciak|referinte|хобі|інтереси',
  contact:
    // Other personal details too ("Otros datos": a driving licence, availability).
    'otros datos|datos adicionales|informacion adicional|additional information|other information|further information|sonstiges|weitere angaben|informations complementaires|autres informations|' +
    'contact|contact information|contact details|details|personal info|angaben zur person|personliche angaben|persoenliche angaben|personalien|informacion personal|informacao pessoal|informazioni personali|informations personnelles|personliche informationen|persoonlijke informatie|persoonlijke gegevens|dane osobowe|osobni udaje|' +
    'contact|kontakt|kontaktdaten|contacto|coordonnees|personal information|personal details|personliche daten|persoenliche daten|datos personales|datos de contacto|informations personnelles|' +
    'контакты|контактная информация|личные данные|επικοινωνια|στοιχεια επικοινωνιας|προσωπικα στοιχεια|προσωπικες πληροφοριες|date personale|informatii personale|osobni informace|dane kontaktowe|szemelyes adatok|henkilotiedot|personlige oplysninger|personuppgifter|联系方式|个人信息|連絡先|基本情報|odkazy|kontakty',
};

const NOTE_HEADINGS =
  'suggestions|notes|review notes|hinweise|vorschlage|verbesserungsvorschlage|suggestions d amelioration|remarques|sugerencias|notas';

// Arabic and Hebrew headings, as written: folded (hamza and marks dropped) when indexed.
const RTL_HEADINGS: Partial<Record<SectionKey, string>> = {
  summary:
    'نبذة مهنية|نبذة عني|نبذة|الملخص المهني|ملخص مهني|الملخص|الملف الشخصي|الهدف الوظيفي|الهدف المهني|' +
    'תקציר|פרופיל|פרופיל מקצועי|אודות|על עצמי|תמצית',
  experience:
    'الخبرات العملية|الخبرة العملية|الخبرات المهنية|الخبرة المهنية|الخبرات الوظيفية|الخبرة الوظيفية|الخبرات|الخبرة|الخبرات السابقة|المسيرة المهنية|' +
    'ניסיון תעסוקתי|ניסיון מקצועי|ניסיון|ניסיון בעבודה|היסטוריה תעסוקתית',
  education:
    'التعليم|المؤهلات العلمية|المؤهالت العلمية|المؤهلات الأكاديمية|المؤهل العلمي|التحصيل العلمي|التحصيل الدراسي|الدراسة|المؤهلات|' +
    'השכלה|לימודים|השכלה אקדמית',
  skills:
    'المهارات|المهارات التقنية|المهارات الفنية|المهارات الشخصية|المهارات الأساسية|الكفاءات|' +
    'כישורים|מיומנויות|כישורים טכניים',
  certificates:
    'الشهادات المهنية|الشهادات|الدورات التدريبية|الدورات|الشهادات والدورات|التدريب|' +
    'הסמכות|קורסים|תעודות|הסמכות וקורסים|השתלמויות',
  languages: 'اللغات|المهارات اللغوية|' + 'שפות',
  volunteer: 'العمل التطوعي|التطوع|' + 'התנדבות',
  awards: 'الجوائز|الإنجازات|الجوائز والتكريمات|' + 'פרסים|הישגים',
  interests: 'الاهتمامات|الهوايات|' + 'תחביבים|תחומי עניין',
  references: 'المعرفون|المراجع|' + 'ממליצים|המלצות',
  contact: 'معلومات الاتصال|بيانات الاتصال|البيانات الشخصية|' + 'פרטים אישיים|פרטי קשר',
  projects: 'المشاريع|' + 'פרויקטים',
  publications: 'المنشورات|الأبحاث|' + 'פרסומים',
};

const HEADING_INDEX = new Map<string, SectionKey>();
// The same phrases without spaces: a letter-spaced heading ("W O R K E X P E R I E N C E") often
// comes out of a PDF with its word breaks lost.
const SPACELESS_HEADING_INDEX = new Map<string, SectionKey>();
for (const [key, alt] of [
  ...Object.entries(HEADINGS),
  ['notes', NOTE_HEADINGS],
  ...Object.entries(RTL_HEADINGS).map(([k, v]) => [k, fold(v)]),
] as [SectionKey, string][]) {
  for (const phrase of alt.split('|')) {
    HEADING_INDEX.set(phrase, key);
    SPACELESS_HEADING_INDEX.set(phrase.replace(/ /g, ''), key);
  }
}

// Words that mark a document title rather than a section.
const DOCUMENT_TITLES = new Set([
  'curriculum vitae',
  'europass',
  'curriculum vitae europass',
  'europass curriculum vitae',
  'lebenslauf europass',
  'cv',
  'lebenslauf',
  'resume',
  'curriculum',
  'resume professionnel',
  'hoja de vida',
  'резюме',
  'βιογραφικο',
  'βιογραφικο σημειωμα',
  '简历',
  '个人简历',
  '履歴書',
  '職務経歴書',
  'curriculum vitae et studiorum',
  'ansioluettelo',
  'oneletrajz',
  'cv ansioluettelo',
  'currículum vitae',
  'curriculo',
  'curriculum vitæ',
  'zyciorys',
  'životopis',
  'zivotopis',
  'ozgecmis',
  'cv europass',
  'formato europeo per il curriculum vitae',
  'european curriculum vitae format',
  'modele europeen de curriculum vitae',
  'modelo europeo de curriculum vitae',
]);
// Letter-spaced titles may lose their spaces ("CURRICULUMVITAE") or keep only some.
const SPACELESS_DOCUMENT_TITLES = new Set([...DOCUMENT_TITLES].map((t) => t.replace(/ /g, '')));

function headingKey(text: string): string {
  return (
    // An icon font's glyph read as a letter before a heading in capitals ("l EXPERIÊNCIA"), or the
    // heading's initial set apart in a circle ("W Wykształcenie").
    fold(text.replace(/^[\p{Ll}\p{S}]\s+(?=\p{Lu}{2})/u, '').replace(/^(\p{Lu})\s+(?=\1\p{Ll})/u, ''))
      // "3 Doświadczenie zawodowe", "2. Education", "IV. Skills", "Β. ΣΠΟΥΔΕΣ": a numbered section.
      .replace(/^\s*(?:\d{1,2}(?:\.\d{1,2})*\.?|[ivx]{1,4}\.|\p{L}\.)\s+(?=\p{L})/u, '')
      // "Опыт работы — 8 лет 6 месяцев", "Experience (10 years)": a heading with its total.
      .replace(/\s+[—–-]\s+\d.*$|\s*\(\d[^)]*\)\s*$/, '')
      .replace(/[*_#:：|=]+/g, ' ')
      .replace(/[’`]/g, "'")
      // Greek in capitals has no final sigma: "ΓΛΩΣΣΕΣ" folds to "γλωσσεσ", the phrase is "γλωσσες".
      .replace(/σ(?=\s|$)/gu, 'ς')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

const LAST_WORD_HEADINGS = new Set([
  'experience',
  'skills',
  'projects',
  'certifications',
  'education',
  'languages',
  'awards',
  'publications',
  'erfahrung',
  'kenntnisse',
  'projekte',
  'appointments',
  'positions',
  'employment',
  'certificates',
  'competencies',
  'experiencia',
  'formation',
  'achievements',
  'accomplishments',
  'kompetenzen',
  'fahigkeiten',
  'competences',
  'competencias',
  'competenze',
  'vaardigheden',
  'kompetenser',
  'kompetencer',
  'dovednosti',
  'umiejetnosci',
  'taidot',
  'навыки',
  'honors',
  'honours',
  'interests',
  'hobbies',
  'courses',
  'publications',
]);

/**
 * The section a heading line names, or null. `strict` is for lines the layout did not mark as
 * headings in a document where it marked others: "Skills & Tools" must then be heading words in
 * every part ("Patient & Family Education" in a skills list is a skill).
 */
/** The section a line names word for word ("Expérience professionnelle"), or null. */
export function headingPhrase(line: string): SectionKey | null {
  return HEADING_INDEX.get(headingKey(line)) ?? null;
}

export function classifyHeading(line: string, strict = false): SectionKey | null {
  const key = withoutQualifier(headingKey(line));
  if (key.length === 0 || key.length > 48) return null;
  // Letter spacing lost or broken ("CON TA CT", "C A R E E R H I STO RY"): short pieces read
  // without their gaps.
  const words = key.split(' ');
  const broken =
    !key.includes(' ') ||
    (key.length <= 24 && words.some((w) => w.length <= 2)) ||
    (key.length <= 40 && words.filter((w) => w.length === 1).length >= 4);
  if (!broken && words.length > 5) return null;
  const direct =
    HEADING_INDEX.get(key) ?? (broken ? SPACELESS_HEADING_INDEX.get(key.replace(/ /g, '')) : undefined);
  if (direct !== undefined) return direct;
  if (words.length > 5) return null;
  // "Clinical Experience", "Technical Skills", "Leadership Experience": the last word names it.
  const lastWord = words[words.length - 1]!;
  const last = HEADING_INDEX.get(lastWord);
  if (last !== undefined && words.length <= 3 && !/\d/.test(key) && LAST_WORD_HEADINGS.has(lastWord))
    return last;
  // "Skills & Tools", "Education / Certifications": the first known part names the section.
  // "Honors-Awards": a hyphen between two heading words joins them like "&".
  const parts = key
    .replace(/^(\p{L}{3,})-(\p{L}{3,})$/u, '$1 & $2')
    .split(
      /\s*(?:&|\/|\band\b|\bund\b|\bet\b|\by\b|\be\b|\ben\b|\bi\b|\bve\b|\bog\b|\boch\b|(?<!\p{L})(?:и|και)(?!\p{L})|,)\s*/u,
    );
  if (parts.length > 1) {
    // "RELEVANTSKILLS&ACHIEVEMENTS": a part whose spaces were lost still ends in its kind.
    const kinds = parts.map(
      (p) =>
        HEADING_INDEX.get(p) ??
        SPACELESS_HEADING_INDEX.get(p) ??
        spacelessLastWord(p) ??
        (LAST_WORD_HEADINGS.has(p.split(' ').at(-1) ?? '')
          ? HEADING_INDEX.get(p.split(' ').at(-1)!)
          : undefined),
    );
    if (strict && kinds.some((k) => k === undefined)) return null;
    return kinds.find((k) => k !== undefined) ?? null;
  }
  return null;
}

// "Publications (selection)", "Veröffentlichungen (Auswahl)", letter-spaced too ("( a u s w a h l )"):
// what follows a heading in brackets says which of its kind are listed, not another kind.
const QUALIFIERS = new Set([
  'selection',
  'aselection',
  'selected',
  'auswahl',
  'seleccion',
  'selezione',
  'choix',
  'selectie',
]);

function withoutQualifier(key: string): string {
  const m = /\s*\(([^()]{1,40})\)$/.exec(key);
  return m && QUALIFIERS.has(m[1]!.replace(/\s+/g, '')) ? key.slice(0, m.index) : key;
}

function spacelessLastWord(part: string): SectionKey | undefined {
  if (part.includes(' ')) return undefined;
  for (const word of LAST_WORD_HEADINGS) {
    if (part.length > word.length && part.endsWith(word)) return HEADING_INDEX.get(word);
  }
  return undefined;
}

export function isDocumentTitle(line: string): boolean {
  const key = headingKey(line);
  return DOCUMENT_TITLES.has(key) || SPACELESS_DOCUMENT_TITLES.has(key.replace(/ /g, ''));
}

export const TITLE_RE =
  /\b(?:engineer|engineering manager|developer|programmer|architect|manager|director|lead|head|chief|officer|analyst|scientist|consultant|specialist|designer|nurse|intern|internship|trainee|apprentice|assistant|associate|coordinator|administrator|accountant|controller|auditor|executive|representative|rep|advisor|adviser|owner|founder|co-founder|cto|ceo|cfo|coo|vp|president|technician|teacher|tutor|researcher|strategist|writer|editor|marketer|recruiter|agent|clerk|supervisor|partner|bookkeeper|cashier|practitioner|therapist|physician|pharmacist|paramedic|mentor|coach|volunteer|trainer|instructor|ambassador|organizer|organiser|treasurer|secretary|chair|chairperson|board member|team member|crew member|staff member|entwickler(?:in)?|softwareentwickler(?:in)?|ingenieur(?:in)?|leiter(?:in)?|teamleiter(?:in)?|berater(?:in)?|pflegefachkraft|pflegefachfrau|pflegefachmann|krankenschwester|krankenpfleger(?:in)?|gesundheits- und krankenpfleger(?:in)?|stationsleitung|praxisanleiter(?:in)?|praktikant(?:in)?|werkstudent(?:in)?|referent(?:in)?|sachbearbeiter(?:in)?|kaufmann|kauffrau|buchhalter(?:in)?|developpeur|developpeuse|chef de projet|chef|chargee?|responsable|stagiaire|alternante?|directeur|directrice|comptable|infirmiere?|conceptrice|concepteur|commerciale?|assistante?|desarrollador(?:a)?|ingenier[oa]|jef[ea]|gerente|analista|enfermer[oa]|contable|disenador(?:a)?|becari[oa]|asesor(?:a)?|tecnic[oa]|auxiliar|coordinador(?:a)?|director(?:a)?|auditor(?:a)?|contador(?:a)?|ejecutiv[oa]|representante|asociad[oa]|abogad[oa]|profesor(?:a)?|maestr[oa]|vendedor(?:a)?|camarer[oa]|cociner[oa]|administrativ[oa]|recepcionista|dependient[ea]|encargad[oa]|avocate?|juriste|enseignante?|professeure?|vendeuse|vendeur|technicienne|technicien|ingenieure|gestionnaire|conseillere?|conseiller|graphiste|architett[oa]|ingegnere|impiegat[oa]|tirocinante|collaboratore|collaboratrice|responsabile|addett[oa]|infermier[ea]|insegnante|venditore|venditrice|sviluppatore|contabile|direttore|direttrice|gestor(?:a)?|enfermeir[oa]|assistente|engenheir[oa]|desenvolvedor(?:a)?|rececionista|estagiari[oa]|coordenador(?:a)?|diretor(?:a)?|contabilista|consultor(?:a)?|marketeer|medewerker|adviseur|projectleider|teamleider|verpleegkundige|docent|leraar|lerares|stagiair(?:e)?|ontwikkelaar|boekhouder|accountmanager|kierownik|kierowniczka|specjalista|specjalistka|ksiegow[ay]|inzynier|asystent(?:ka)?|programista|programistka|dyrektor|magazynier|pielegniarka|nauczyciel(?:ka)?|praktykant(?:ka)?|stazysta|stazystka|projektleiter(?:in)?|abteilungsleiter(?:in)?|vertriebsleiter(?:in)?|einkaufer(?:in)?|mitarbeiter(?:in)?|elektroniker(?:in)?|elektriker(?:in)?|mechaniker(?:in)?|verkaufer(?:in)?|lehrer(?:in)?|erzieher(?:in)?)\b/;

export const ORG_RE =
  /\b(?:inc|llc|ltd|limited|gmbh|ag|se|kg|ohg|ug|sa|sas|sarl|sl|s\.l|s\.a|bv|nv|plc|corp|corporation|company|co|group|gruppe|groupe|grupo|bank|banque|banco|hospital|klinikum|klinik|kliniken|clinic|clinique|charite|hopital|krankenhaus|pflegeheim|health|healthcare|labs|lab|technologies|technology|tech|solutions|systems|software|consulting|partners|agency|agentur|studio|studios|media|capital|ventures|foundation|stiftung|services|digital|analytics|retail|insurance|versicherung|airlines|motors|pharma|logistics|industries|associates|ventures|holding|holdings|enterprises|network|networks|cloud|ai|association|society|council|federation|committee|ministry|verband|verein|gesellschaft|kammer|asociacion|sociedad|colegio|ordre|chambre|abogados|asesores|advocats|bufete|kanzlei|rechtsanwalte|associati|avocats|notaires|cooperativa|practice|partnership|consortium|alliance|coalition|collective|trust|fund|laboratory|laboratories|observatory)\b\.?$|^(?:the\s)?[a-z0-9&.'-]+\s(?:inc|llc|ltd|gmbh|ag|sa|sas|sl|plc|corp)\b/;

export const INSTITUTION_RE =
  /\b(?:university|universitat|universite|universidad|universita|college|school|hochschule|fachhochschule|ecole|escuela|institute|institut|instituto|academy|akademie|gymnasium|lycee|iut|polytechnic|politecnica|polytechnique|berufsfachschule|pflegeschule|berufsschule|business school|conservatory|hogeschool|universiteit|politecnico|scuola|universidade|faculdade|univerzita|vysoka skola|gimnazjum|lisesi|universitesi|berufskolleg|fachschule|kolleg|faculty|fakultat|grammar school|sixth form|gesamtschule|realschule|lyceum|liceo|uniwersytet|politechnika|akademia|szkola|universitet|tu|eth|epfl|mit|ucl|lse|iae|essec|hec|esade|ie|insead|sorbonne)\b/;

export const DEGREE_RE =
  /\b(?:bachelor(?:'s)?(?: of [a-z]+(?: [a-z]+)?)?|master(?:'s)?(?: of [a-z]+(?: [a-z]+)?)?|b\.\s?sc\.?|bsc|b\.\s?s\.|b\.\s?a\.|m\.\s?sc\.?|msc|m\.\s?s\.|m\.\s?a\.|mba|ph\.?\s?d\.?|doctorate|doctor of [a-z]+|doctorat|dr\.?[\s-]?(?:rer\.?\s?(?:nat|pol|oec)|phil|ing|med|jur)|diplom(?:-[a-z]+)?|diploma|abitur|licence(?: professionnelle)?|maestria|master|grado|licenciatura|doctorado|bts|dut|ausbildung|staatsexamen|associate(?:'s)? degree|associate of [a-z]+|bsn|msn|hnd|a-levels|baccalaureat|bachillerato|examen|b\.?eng\.?|m\.?eng\.?|beng|meng|ba|ma|bs|ms|mphil|llb|llm|cap|bep|fachabitur|mittlere reife|tecnico superior|ciclo formativo)\b/;

const PLACES =
  'remote|hybrid|homeoffice|home office|teletravail|remoto|' +
  'berlin|munich|munchen|hamburg|frankfurt|cologne|koln|stuttgart|dusseldorf|leipzig|dresden|hannover|nurnberg|bremen|essen|bonn|mannheim|heidelberg|freiburg|' +
  'vienna|wien|zurich|geneva|geneve|basel|bern|paris|lyon|marseille|toulouse|bordeaux|lille|nantes|strasbourg|nice|montpellier|rennes|' +
  'madrid|barcelona|valencia|sevilla|seville|bilbao|malaga|zaragoza|lisbon|lisboa|porto|rome|milan|amsterdam|rotterdam|brussels|bruxelles|antwerp|' +
  'london|manchester|edinburgh|dublin|bristol|birmingham|leeds|glasgow|cambridge|oxford|' +
  'new york|nyc|san francisco|los angeles|seattle|austin|boston|chicago|denver|atlanta|miami|portland|dallas|houston|toronto|vancouver|montreal|' +
  'mexico city|ciudad de mexico|buenos aires|bogota|santiago|lima|sydney|melbourne|singapore|tokyo|bangalore|' +
  'aarhus|gothenburg|rotterdam|utrecht|eindhoven|porto|lille|geneva|lausanne|prague|praha|brno|warsaw|krakow|budapest|copenhagen|stockholm|oslo|helsinki|athens|istanbul|ankara|izmir|bursa|antalya|adana|konya|' +
  'czech republic|czechia|hungary|greece|turkey|romania|' +
  // Cities in the scripts and spellings of their own countries (folded: no accents, lower case).
  'warszawa|wroclaw|poznan|gdansk|lodz|katowice|bratislava|kosice|zilina|nitra|ljubljana|maribor|celje|koper|kranj|zagreb|split|rijeka|osijek|zadar|beograd|novi sad|kragujevac|riga|daugavpils|liepaja|jelgava|vilnius|kaunas|klaipeda|siauliai|panevezys|tallinn|tartu|parnu|narva|bucuresti|bucharest|sofia|' +
  'milano|roma|torino|napoli|bologna|firenze|genova|sevilla|malaga|granada|alicante|cadiz|murcia|valladolid|' +
  'москва|санкт-петербург|казань|новосибирск|екатеринбург|нижнии новгород|самара|краснодар|минск|киев|алматы|' +
  'αθηνα|θεσσαλονικη|πατρα|ηρακλειο|' +
  '北京|上海|深圳|广州|杭州|成都|南京|武汉|西安|香港|台北|東京|大阪|横浜|名古屋|京都|福岡|札幌|' +
  'germany|deutschland|latvija|latvia|lietuva|lithuania|eesti|estonia|hrvatska|croatia|slovenija|slovenia|slovensko|slovakia|srbija|serbia|polska|poland|cesko|czechia|czech republic|magyarorszag|hungary|romania|bulgaria|suomi|finland|norge|norway|danmark|denmark|sverige|sweden|france|spain|espana|austria|osterreich|switzerland|schweiz|suisse|italy|netherlands|belgium|uk|united kingdom|england|ireland|' +
  'usa|us|united states|canada|mexico|argentina|colombia|chile|peru|australia|india|portugal|poland|sweden|denmark|norway|finland';

const PLACE_RE = new RegExp(
  `^(?:${PLACES})(?:\\s*,\\s*(?:${PLACES}|[a-z]{2}))?$|^[a-z .'-]+,\\s*(?:${PLACES}|[a-z]{2})$`,
);

// Credentials after a name look like a state code ("Grace Okafor, RN" vs "Austin, TX").
const CREDENTIAL_END_RE = /,\s*(?:RN|MD|NP|DO|PhD|MBA|CPA|BSN|PMP)$/;

export function isPlace(text: string): boolean {
  const t = fold(text.trim()).replace(/[()]/g, '').trim();
  return t.length > 1 && t.length < 40 && PLACE_RE.test(t) && !CREDENTIAL_END_RE.test(text.trim());
}

export function isTitle(text: string): boolean {
  return TITLE_RE.test(fold(text));
}

export function isOrganization(text: string): boolean {
  return ORG_RE.test(fold(text.trim()));
}

// "S.A. de C.V.", "S. de R.L. de C.V.": Mexican legal forms end in the variable-capital mark.
const LEGAL_ENTITY_RE =
  /\b(?:s\.? ?a\.? de c\.? ?v|s\. de r\.? ?l\.?(?: de c\.? ?v)?|inc|llc|llp|ltd|gmbh|ggmbh|mbh|mbb|partg|kgaa|e\. ?v|b\.v|n\.v|s\.l\.p|s\.l\.u|s\.a\.u|ag|se|kg|sa|sas|sarl|sl|s\.l|s\.a|s\.r\.o|s\.p\.a|spa|bv|nv|plc|corp|corporation|company|group|bank|hospital|klinikum|clinic|oy|oyj|ab|asa|aps|a\/s|kft|zrt|nyrt|srl|s\.r\.l|sro|lda|ltda|s\.c|d\.o\.o|doo|d\.d|a\.d|a\.s|e\.p\.e|s\.n\.c|snc|s\.a\.s|s\.r\.l\.s|srls|sp\. z o\.o|sp\.z o\.o)\b\.?$/;

// Job titles the English-centred pattern above misses: compounds end in their role
// ("Steuerfachangestellter", "Vertriebsleiterin", "Shiftleader", "heftruckchauffeur",
// "šéfkuchár"), Russian, Greek, Chinese and Japanese titles, and Turkish ones with their
// possessive ending ("Matematik Öğretmeni", "Zümre Başkanı"), Scandinavian substitutes and helpers
// ("Barselsvikar", "Pædagogmedhjælper"), and Polish ones by their stem
// ("Pielęgniarka", "Przedstawiciel handlowy"); the UK firms' "Audit Senior", "Tax Senior".
const MORE_TITLE_RE =
  /(?<!\p{L})(?:audit|tax|assurance|accounts|advisory) senior(?!\p{L})|(?:apulainen|avustaja|leader|picker|chauffeur|chauffor|commis|rezeptionist|elektricar|kuchar|vakkenvuller|angestellte[rn]?|leitung|recruiter|fuhrer(?:in)?|inhaber(?:in)?|elektriker(?:in)?|mechatroniker(?:in)?|monteur(?:in)?|schlosser(?:in)?|tischler(?:in)?|kellner(?:in)?|arzt|arztin|apotheker(?:in)?|anwalt|anwaltin|dozent(?:in)?|wissenschaftler(?:in)?|doktorand(?:in)?|zubildende[rn]?|azubi|volontar(?:in)?|kaufmann|kauffrau|berater(?:in)?|leiter(?:in)?|referent(?:in)?|assistent(?:in)?|techniker(?:in)?|mitarbeiter(?:in)?|fachkraft|pfleger(?:in)?|erzieher(?:in)?|lehrer(?:in)?|verkaufer(?:in)?|meister(?:in)?|planer(?:in)?|entwickler(?:in)?|ingenieur(?:in)?|manager(?:in)?|sachbearbeiter(?:in)?|koch|kochin|architekt(?:in)?|disponent(?:in)?|controller(?:in)?|larare|utvecklare|ingenjor|mastare|ledare|skoterska|handlaggare|saljare|arbetare|medewerker|leider|adviseur|laerer|udvikler|mechaniker(?:in)?|elektroniker(?:in)?|schweisser(?:in)?|maurer(?:in)?|zimmerer|fahrer(?:in)?|helfer(?:in)?|arbeiter(?:in)?|gehilfe|gehilfin|backer(?:in)?|friseur(?:in)?|lagerist(?:in)?|logistiker(?:in)?|spezialist(?:in)?|assistenz|designer(?:in)?|betreuer(?:in)?|therapeut(?:in)?|kraft|ansvarig|chef|vikar|vikarie|hjælper|hjaelper|hjälpare)\b|(?<!\p{L})(?:estagio|guide|farmacista|nutricionista|nutrizionista|psicolog[oa]|fisioterapeuta|fisioterapista|dentista|veterinari[oa]|advogad[oa]|arquitet[oa]|arquitect[oa]|biolog[oa]|economista|periodista|jornalista|giornalista|traductor(?:a)?|tradutor(?:a)?|traduttore|traduttrice|cozinheir[oa]|fonoaudiolog[oa]|terapeuta|educador(?:a)?|pedagog[oa]|collaborat(?:ore|rice)|operai[oa]|magazziniere|autista|commercialista|ragioniere|geometra|perito|segretari[oa]|tirocinio|cariste|preparat(?:eur|rice)|ouvri(?:er|ere)|vendangeur|magasinier|manutentionnaire|agent|employe(?:e)?|attendant|aide|nanny|barista|bartender|server|host|hostess|housekeeper|janitor|custodian|guard|firefighter|officer|dentist|hygienist|surgeon|veterinarian|pilot|steward|stewardess|machinist|welder|plumber|carpenter|fitter|labou?rer|porter|courier|scheduler|teller|underwriter|actuary|economist|statistician|librarian|archivist|curator|journalist|reporter|photographer|videographer|producer|artist|illustrator|animator|copywriter|translator|interpreter|counsel|counsel(?:l)?or|psychologist|psychiatrist|caregiver|midwife|optometrist|radiographer|sonographer|phlebotomist|dietitian|nutritionist|chemist|biologist|physicist|geologist|hydrologist|ecologist|lecturer|professor|postdoc|fellow|scholar|principal|dean|registrar|solicitor|barrister|notary|judge|superintendent|foreman|sommelier|baker|butcher|projektledare|arbetsledare|ingenjor|utvecklare|ansvarig|saljare|sjukskoterska|larare|konsult|handlaggare|prosjektleder|ingeniør|ingenior|utvikler|sykepleier|laerer|lærer|radgiver|rådgiver|medarbejder|udvikler|sygeplejerske|sairaanhoitaja|lahihoitaja|insinoori|kehittaja|paallikko|johtaja|asiantuntija|suunnittelija|myyja|opettaja|harjoittelija|sijainen|mernok|vezeto|fejleszto|tanar|inginer|manager|dezvoltator|asistent|profesor|programator|worker|caseworker|carer|pasante|technicien(?:ne)?|ingenieure?|conseill(?:er|ere)|analyste|architecte|coordinat(?:eur|rice)|animat(?:eur|rice)|educat(?:eur|rice)|format(?:eur|rice)|aide-soignante?|secretaire|receptionniste|apprentie?|architett[oa]|ingegnere|sviluppat(?:ore|rice)|responsabile|addett[oa]|impiegat[oa]|consulente|diret(?:tore|trice)|infermier[ea]|insegnante|commess[oa]|camerier[ea]|cuoc[oa]|avvocat[oa]|progettista|tirocinante|stagista|medewerker|teamleider|adviseur|ontwikkelaar|beheerder|verpleegkundige|docent|leraar|coordinator|stagiair|monteur|chauffeur|verkoper|projectleider|leidinggevende|engenheir[oa]|desenvolvedor(?:a)?|assistente|coordenador(?:a)?|enfermeir[oa]|consultor(?:a)?|estagiari[oa]|vedouci|specialista|inzenyr|vyvojar|ucetni|manazer|asistent(?:ka)?|ucitel(?:ka)?|analytik|muhendis|uzman|yonetici|mudur|sorumlu|cociner[oa]|ayudante|camarer[oa]|jef[ea] de \p{L}+|recepcionista|dependient[ea]|vendedor(?:a)?|profesor(?:a)?|maestr[oa]|medic[oa]|farmaceutic[oa]|abogad[oa]|cuisinier(?:e)?|serveu(?:r|se)|professeur(?:e)?|enseignant(?:e)?|vendeu(?:r|se)|gestionnaire|juriste|avocat(?:e)?|cook|waiter|waitress|receptionist|pharmacist|lawyer|attorney|paralegal|resident|electrician|mechanic|driver|operator|planner|buyer|merchandiser|estimator|surveyor|inspector|dispatcher|storekeeper|warehouse|programista|kierownik|specjalista|inżynier|inzynier|ksiegow[ay]|menedżer|menedzer|разработчик|менеджер|инженер|бухгалтер|руководитель|специалист|аналитик|дизайнер|врач|учитель|директор|верстальщик|программист|консультант|администратор|стажер|стажёр|начальник|кладовщик|оператор|перекладач\p{L}*|інженер|розробник|керівник|фахівець|спеціаліст\p{L}*|викладач\p{L}*|заведующ\p{L}*|водитель|продавец|кассир|экономист|юрист|υπαλληλος|βοηθος|ρεσεψιονιστ|προισταμεν\p{L}*|εκπαιδευτικος|εκπαιδευτρια|δασκαλα|δασκαλος|καθηγητης|καθηγητρια|νηπιαγωγος|αναπληρωτρια|αναπληρωτης|πωλητρια|πωλητης|ταμιας|μαγειρας|σερβιτορος|σερβιτορα|οδηγος|τεχνικος|ηλεκτρολογος|υδραυλικος|αποθηκαριος|μηχανικος|διευθυντης|αναλυτρια|αναλυτης|προγραμματιστης|υπευθυνη|υπευθυνος|συμβουλος|νοσηλευτρια|νοσηλευτης|λογιστρια|λογιστης|σχεδιαστρια|σχεδιαστης)(?!\p{L})|工程师|经理|主管|设计师|分析师|开发|总监|专员|助理|顾问|エンジニア|マネージャー|担当|主任|課長|部長|リーダー|デザイナー|アナリスト|看護師|薬剤師|講師|教諭|係長|ディレクター|コンサルタント|プランナー|(?<!\p{L})(?:electricista|elettricista|eletricista|fontaner[oa]|idraulic[oa]|carpinter[oa]|soldador(?:a)?|saldatore|mecanic[oa]|meccanic[oa]|operari[oa]|peon|albanil|muratore|pedreiro|pintor(?:a)?|conductor(?:a)?|repartidor(?:a)?|motorista|limpiador(?:a)?|auxiliar|tecnic[oa]|encargad[oa]|oficial|mozo|reponedor(?:a)?|cajer[oa]|azafat[oa]|socorrista|monitor(?:a)?|cuidador(?:a)?|gerocultor(?:a)?|celador(?:a)?|camionero|carretillero|panadero|pastelero|estetician|peluquer[oa]|plombier|electricien(?:ne)?|menuisier|macon|soudeu(?:r|se)|mecanicien(?:ne)?|chauffeur|livreur|livreuse|caissier|caissiere|boulang(?:er|ere)|patissier|coiffeu(?:r|se)|serrurier|peintre|jardinier|elektromonteur|installateur(?:in)?|klempner(?:in)?|dachdecker(?:in)?|maler(?:in)?|lackierer(?:in)?|gartner(?:in)?|servicekraft|reinigungskraft|pflegekraft)(?!\p{L})|(?<!\p{L})(?:pielegniar|lekarz|sprzedaw|kasjer|magazynier|kierowc|ksiegow|nauczyciel|opiekun|przedstawiciel|elektryk|doradc|sekretar|recepcjonist|kucharz|kelner|pracownik|praktykant|stazyst|koordynator|projektant|polozn|ratownik|fizjoterapeut|specjalist|kierownik|programist|analityk)\p{L}*|(?<!\p{L})(?:ogretmen|muhendis|uzman|yonetici|mudur|sorumlu|baskan|muhasebeci|stajyer|asistan|temsilci|teknisyen|hemsire|analist|gelistirici|tasarımcı|tasarimci|koordinator|direktor|memur|avukat|eczacı|ascı|garson|denetci|denetcı|mudur yardımcı|sef)(?:si|i|ı|u|ü|leri|ları)?(?!\p{L})|(?<!\p{L})(?:электрик|электромонтер|електрик|електромонтер|монтажник|слесарь|слюсар|сварщик|зварник|водіи|кухар|повар|продавець|касир|економіст|бухгалтер|майстер|мастер|технік|техник|механік|механик|вчитель|медсестра|лікар|комірник|вантажник|грузчик|охоронець|охранник|офіціант|официант)(?:ка|ки|ом|а)?(?!\p{L})|(?<!\p{L})(?:pecovatel|opatrovatel|zdravotni sestra|vrchni sestra|sestra|prodavac|ridic|skladnik|skladnice|ucitel|vedouci|reditel|ucetni|referent|mistr|elektrikar|zamecnik|kuchar|cisnik|servirka|pokladni|inzenyr|programator|manazer|konzultant|brigadnik|brigadnice|stazista|praktikant|lekar|vychovatel|zastupce|zastupkyne)(?:ka|ky|ce)?(?!\p{L})/u;

// Employers: legal forms in other scripts, and names in quotes («Северный код»). JavaScript's \b
// knows only ASCII letters, so words in other scripts are bounded by letter lookarounds.
const MORE_ORG_RE =
  /(?<!\p{L})(?:ооо|оао|зао|пао|ао|ип|тов|прат|пат|фоп|α\.?ε\.?|ε\.?π\.?ε\.?|ικε|σχολειο|νοσοκομειο|ξενοδοχειο|κλινικη|φαρμακειο|sp\.? z o\.?o\.?|s\.r\.o\.?|a\.s\.)(?=\s|$)|[«“"„].+[»”"“]|有限公司|公司|集团|株式会社|有限会社|銀行|银行/u;

// Fields of work, as written after a title ("Manager, Demand Planning", "Nurse, Cardiac ICU").
const FIELD_OF_WORK_RE =
  /\b(?:planning|operations|marketing|sales|finance|engineering|design|development|product|research|strategy|support|infrastructure|platform|analytics|data|security|quality|unit|icu|department|division|surgery|medicine|nursing|oncology|cardiology|pediatrics|paediatrics|procurement|accounting|tax|audit|compliance|human resources|communications|growth|partnerships|payments|onboarding|customer experience|supply chain|logistics|manufacturing|estates|facilities|assurance|advisory|shifts?|nights|weekends|medicina interna|medicina|cirugia|chirurgia|chirurgie|pediatria|urgencias|ventas|compras|finanzas|logistica|calidad|contabilidad|vertrieb|einkauf|buchhaltung|logistik|controlling|ventes|achats|comptabilite|qualite|vendite|acquisti|contabilita|qualita|sprzedaz|zakupy|ksiegowosc|logistyka)\b/;
// A unit of an organisation named after a title ("Pielęgniarka – Oddział Chirurgii", "Nurse –
// Cardiac Ward"): with it the title is whole.
const DEPARTMENT_RE =
  /^(?:directia|serviciul|departamentul|compartimentul|sectia|biroul|oddzial|dzial|abteilung|station|service|servicio|servizio|reparto|afdeling|avdelning|afdelning|department|dept|division|unit|ward|team|seccion|sezione|planta|unidad|unita|pole|sektion|zespol)\b/;

// A unit named by a compound ending in the word for it ("Lovafdelingen", "Sykehjemsetaten",
// "Personalabteilung").
const DEPARTMENT_COMPOUND_RE = /\p{L}{3}(?:afdeling|avdeling|avdelning|etat|abteilung)(?:en|et)?$/u;

export function isDepartment(text: string): boolean {
  const folded = fold(text.trim());
  return DEPARTMENT_RE.test(folded) || DEPARTMENT_COMPOUND_RE.test(folded);
}

export function isFieldOfWork(text: string): boolean {
  return FIELD_OF_WORK_RE.test(fold(text));
}

// Arabic and Hebrew titles and employers, folded like the text they are tested on (Arabic's article
// "ال" and Hebrew's "ה" may stand before a word).
const RTL_TITLE_RE = new RegExp(
  `(?<!\\p{L})(?:ال)?(?:${fold(
    'مدير|محاسب|مهندس|مساعد|أخصائي|اخصائي|مسؤول|مشرف|رئيس|موظف|منسق|مطور|مبرمج|مصمم|معلم|معلمة|مدرس|مدرسة|ممرض|ممرضة|طبيب|طبيبة|مستشار|محلل|فني|سكرتير|سكرتيرة|مندوب|مترجم|محامي|محامية|صيدلي|صيدلانية|مدقق|متدرب|متدربة|باحث|باحثة|أمين|كاتب|نائب|قائد|خبير|' +
      'מנהל|מנהלת|מהנדס|מהנדסת|מפתח|מפתחת|רואה חשבון|רואת חשבון|יועץ|יועצת|אנליסט|אנליסטית|מתכנת|מתכנתת|מעצב|מעצבת|מורה|אחות|רכז|רכזת|ראש צוות|עוזר|עוזרת|מזכיר|מזכירה|נציג|נציגת|טכנאי|חוקר|חוקרת|עורך דין|עורכת דין|סטודנט|גננת|גנן|סייעת|סייע',
  )})(?!\\p{L})`,
  'u',
);
const RTL_ORG_RE = new RegExp(
  `(?<!\\p{L})(?:${fold(
    'شركة|مجموعة|مؤسسة|مكتب|بنك|مصرف|مستشفى|جامعة|وزارة|هيئة|مركز|مصنع|معهد|' +
      'חברת|חברה|בע"מ|בנק|בית חולים|אוניברסיטת|משרד|קבוצת|עיריית|עירייה|מועצה אזורית|מועצה מקומית|מועצת',
  )})(?!\\p{L})`,
  'u',
);

/** Whether a text holds a job-title word in any language the lexicon knows. */
export function hasTitleWord(text: string): boolean {
  return titleWordIn(fold(text));
}

function titleWordIn(folded: string): boolean {
  // German feminine forms ("Erzieherin", "Recruiterin") read as the role they name.
  const masculine = folded.replace(/(\p{L}{4,})in\b/gu, '$1');
  return (
    [folded, masculine].some((t) => TITLE_RE.test(t) || MORE_TITLE_RE.test(t)) || RTL_TITLE_RE.test(folded)
  );
}

/** How much a piece of an entry header reads as a job title (higher) or as an employer (lower). */
// "Head of Benthic Ecology Group", "Leiterin der Abteilung Finanzen": a role over a unit is a title,
// whatever firm-like word the unit's name ends in.
const ROLE_OVER_UNIT_RE =
  /^(?:head|director|chief|dean|leader|manager) of\s|^(?:leiter|leiterin) (?:der|des)\s|^(?:jefe|jefa|responsable|directeur|directrice|directora?) del?\s/;

export function titleLikeness(text: string): number {
  const folded = fold(text);
  if (ROLE_OVER_UNIT_RE.test(folded.trim())) return 2;
  let score = 0;
  if (titleWordIn(folded)) score += 2;
  if (ORG_RE.test(folded.trim()) || MORE_ORG_RE.test(folded) || RTL_ORG_RE.test(folded)) score -= 2;
  if (LEGAL_ENTITY_RE.test(folded.trim())) score -= 2;
  if (INSTITUTION_RE.test(folded)) score -= 1;
  // "Petersen & Partner", "Smith and Sons": firms are named after people joined by "&".
  if (/&|\s\+\s|\bund\b|\band sons\b/.test(folded) && !FIELD_OF_WORK_RE.test(folded)) score -= 1;
  // "Brandt & Partner", "Hartmann + Partner", "Vogel Partners": partners after a name are the firm.
  if (/(?:&|\+|\bund\b|\band\b)\s+partners?\b|\bpartners\s*(?:mbb|gmbh|llp|ag)?$/.test(folded.trim()))
    score -= 3;
  return score;
}

/** A name ending in a legal form ("Maison Lumière SAS"): an employer even if it holds a title word. */
export function isLegalEntity(text: string): boolean {
  return LEGAL_ENTITY_RE.test(fold(text.trim()));
}

// Scripts whose letters JavaScript's \b does not see as word characters.
const MORE_INSTITUTION_RE =
  /университет|институт|академи|колледж|техникум|училищ|πανεπιστημιο|πολυτεχνειο|大学|学院|高等学校|専門学校/;

export function isInstitution(text: string): boolean {
  const folded = fold(text);
  return INSTITUTION_RE.test(folded) || MORE_INSTITUTION_RE.test(folded);
}

export function findDegree(text: string): string | null {
  const m = DEGREE_RE.exec(fold(text));
  return m === null ? null : text.slice(m.index, m.index + m[0].length);
}

const LANGUAGE_NAMES =
  'english|englisch|anglais|ingles|german|deutsch|allemand|aleman|french|franzosisch|francais|frances|spanish|spanisch|espagnol|espanol|castellano|' +
  'italian|italienisch|italien|italiano|portuguese|portugiesisch|portugais|portugues|dutch|niederlandisch|neerlandais|chinese|chinesisch|chinois|chino|mandarin|' +
  'japanese|japanisch|japonais|japones|arabic|arabisch|arabe|russian|russisch|russe|ruso|polish|polnisch|polonais|turkish|turkisch|turc|catalan|katalanisch|catala|hindi|korean';

export const LANGUAGE_RE = new RegExp(`^(?:${LANGUAGE_NAMES})\\b`);

/** "English (native)", "Deutsch – C1": a language line, as sidebars interleave them anywhere. */
export function isLanguageLine(text: string): boolean {
  const t = fold(text.trim());
  return LANGUAGE_RE.test(t) && t.split(/\s+/).length <= 6;
}
