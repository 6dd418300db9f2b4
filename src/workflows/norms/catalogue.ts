/**
 * The eleven voluntary, non-binding norms of responsible state behaviour of
 * the 2015 UN Group of Governmental Experts (A/70/174, para. 13 (a)–(k)),
 * welcomed by GA resolution 70/237 and reaffirmed without change in 2021
 * (GGE report A/76/135, OEWG report A/75/816). Titles and summaries are
 * Accord's own short paraphrases; the UN text is the authority.
 */

export const NORM_IDS = ['13a', '13b', '13c', '13d', '13e', '13f', '13g', '13h', '13i', '13j', '13k'] as const;
export type NormId = (typeof NORM_IDS)[number];

export interface Norm {
  id: NormId;
  /** Where the norm is written: `A/70/174, para. 13(x)`. */
  citation: string;
  title: string;
  /** What the norm asks of states, in plain language. */
  summary: string;
  /** What the norm is about, as words an analyst searches for. */
  topics: readonly string[];
}

function norm(id: NormId, title: string, summary: string, topics: readonly string[]): Norm {
  return { id, citation: `A/70/174, para. 13(${id.slice(2)})`, title, summary, topics };
}

export const NORMS: readonly Norm[] = Object.freeze([
  norm('13a', 'Work together for a stable and secure ICT environment',
    'States co-operate, in line with the purposes of the UN, on measures that make ICT use more stable and secure and that head off practices which are harmful or threaten international peace and security.',
    ['cooperation', 'stability', 'international peace and security', 'joint response']),
  norm('13b', 'Weigh all relevant information before reacting to an incident',
    'Faced with an ICT incident, a state looks at everything relevant: the wider context, how hard attribution is in cyberspace, and how far-reaching the consequences are.',
    ['attribution', 'context', 'consequences', 'restraint', 'escalation']),
  norm('13c', 'Do not knowingly let your territory be used for wrongful ICT acts',
    'A state does not knowingly allow its territory to serve for internationally wrongful acts committed with ICTs, such as attacks run by criminals, proxies or botnets hosted there.',
    ['territory', 'due diligence', 'proxies', 'safe haven', 'botnets']),
  norm('13d', 'Co-operate against criminal and terrorist use of ICTs',
    'States look at how best to exchange information, help each other and prosecute the criminal or terrorist use of ICTs, and at whether new measures are needed for it.',
    ['cybercrime', 'terrorism', 'mutual legal assistance', 'prosecution', 'information exchange']),
  norm('13e', 'Respect human rights and privacy when securing ICTs',
    'Measures to secure ICT use respect human rights online and the right to privacy in the digital age (HRC resolutions 20/8 and 26/13, GA resolutions 68/167 and 69/166), freedom of expression included.',
    ['human rights', 'privacy', 'freedom of expression', 'surveillance']),
  norm('13f', 'Do not damage critical infrastructure',
    'A state neither conducts nor knowingly supports ICT activity, contrary to its obligations under international law, that intentionally damages critical infrastructure or impairs the services it provides to the public.',
    ['critical infrastructure', 'essential services', 'destructive malware', 'wiper']),
  norm('13g', 'Protect your own critical infrastructure',
    'States take appropriate steps to protect their critical infrastructure from ICT threats, mindful of GA resolution 58/199 on a culture of cybersecurity and the protection of critical information infrastructure.',
    ['critical infrastructure protection', 'resilience', 'risk management']),
  norm('13h', 'Answer appropriate requests for assistance',
    'A state responds to appropriate requests for help from a state whose critical infrastructure is under malicious ICT attack, and to requests to mitigate such activity coming from its own territory, with due regard for sovereignty.',
    ['assistance', 'requests', 'points of contact', 'mitigation']),
  norm('13i', 'Keep the supply chain trustworthy; curb malicious tools and hidden functions',
    'States take reasonable steps so that end users can trust the integrity of ICT products along the supply chain, and work to keep malicious ICT tools and techniques from spreading and harmful hidden functions (backdoors) from being used.',
    ['supply chain', 'integrity', 'backdoors', 'hidden functions', 'proliferation']),
  norm('13j', 'Encourage responsible reporting of vulnerabilities',
    'States encourage the responsible reporting of ICT vulnerabilities and share what they know of remedies, to limit and where possible remove threats to ICTs and the infrastructure that depends on them.',
    ['vulnerability disclosure', 'vulnerabilities', 'patching', 'remedies']),
  norm('13k', 'Leave emergency response teams (CERTs/CSIRTs) alone, and do not misuse your own',
    "A state neither conducts nor knowingly supports activity that harms the systems of another state's authorised emergency response teams (CERTs/CSIRTs), and does not use its own teams for malicious international activity.",
    ['CERT', 'CSIRT', 'incident response', 'emergency response teams']),
]);

const BY_ID: ReadonlyMap<string, Norm> = new Map(NORMS.map((entry) => [entry.id, entry]));

export function isNormId(value: unknown): value is NormId {
  return typeof value === 'string' && BY_ID.has(value);
}

/** The norm with id `id` ("13a" … "13k"; check outside input with `isNormId` first). */
export function normById(id: NormId): Norm {
  return BY_ID.get(id)!;
}
