/**
 * The record of public attributions: past joint (and notable single-state)
 * public attributions of cyber operations, as Accord's own data, written in
 * our words from the public sources each record cites. It gives analysts
 * precedent (who attributed what, to whom, in which words) and seeds the demo.
 * Where a source is a press report rather than a government text, the
 * confidence wording is marked "reported".
 */

export interface PublicAttribution {
  /** A stable key, e.g. `2017-12-19-wannacry`. */
  key: string;
  /** When the attribution was made public (YYYY-MM-DD). */
  date: string;
  /** The actor named. */
  actor: string;
  /** The state (and organ) it was attributed to. */
  state: string;
  /** What happened, in a sentence. */
  incident: string;
  attributingStates: string[];
  /** The likelihood or confidence words used, as published or reported. */
  confidenceLanguage: string;
  sources: string[];
}

export const PUBLIC_ATTRIBUTIONS: readonly PublicAttribution[] = [
  {
    key: '2017-12-19-wannacry', date: '2017-12-19', actor: 'Lazarus Group', state: 'North Korea (DPRK)',
    incident: 'The WannaCry ransomware outbreak of May 2017, which hit some 300,000 computers in 150 countries, among them 48 trusts of the NHS in England.',
    attributingStates: ['United Kingdom', 'United States'],
    confidenceLanguage: 'UK (NCSC): "highly likely"',
    sources: [
      'https://www.gov.uk/government/news/foreign-office-minister-condemns-north-korean-actor-for-wannacry-attacks',
      'https://in.reuters.com/article/usa-cyber-northkorea-britain/britain-joins-us-in-blaming-north-korea-for-wannacry-attack-idINKBN1ED1SF',
    ],
  },
  {
    key: '2018-02-15-notpetya', date: '2018-02-15', actor: 'Russian military (GRU)', state: 'Russia',
    incident: 'NotPetya (June 2017): destructive malware aimed at Ukrainian finance, energy and government that spread to companies worldwide.',
    attributingStates: ['United Kingdom', 'United States', 'Australia', 'others'],
    confidenceLanguage: 'UK: the Russian military "almost certainly" responsible (reported)',
    sources: [
      'http://www.itv.com/news/2018-02-15/russia-was-behind-destructive-cyber-attack-on-ukraine-uk-government-says/',
      'https://securityaffairs.com/69122/malware/uk-blames-russia-notpetya.html',
    ],
  },
  {
    key: '2018-10-04-gru-campaign', date: '2018-10-04', actor: 'GRU cyber units (APT28/Fancy Bear, Sandworm, etc.)', state: 'Russia',
    incident: 'A campaign by Russian military intelligence: the 2016 DNC intrusion, the WADA leak, BadRabbit in 2017 (Kyiv metro, Odesa airport) and a foiled attempt on the OPCW in The Hague.',
    attributingStates: ['United Kingdom', 'Netherlands', 'Australia', 'New Zealand'],
    confidenceLanguage: 'UK (NCSC): the GRU "almost certainly responsible"',
    sources: [
      'https://dig.watch/updates/uk-and-partners-attribute-series-cyber-attacks-russia',
      'https://www.nydailynews.com/news/national/sns-tns-bc-uk-russia-cyberattacks-20181004-story.html',
    ],
  },
  {
    key: '2018-12-20-cloud-hopper', date: '2018-12-20', actor: 'APT10 (Cloud Hopper)', state: 'China - Ministry of State Security',
    incident: 'A long campaign through managed IT service providers to steal intellectual property and commercial data in Europe, Asia and the United States.',
    attributingStates: ['United Kingdom', 'United States', 'allies'],
    confidenceLanguage: 'UK (NCSC): "highest level of probability"; the group "almost certainly" continues',
    sources: [
      'https://www.gov.uk/government/news/uk-and-allies-reveal-global-scale-of-chinese-cyber-campaign',
      'https://www.timesofisrael.com/liveblog_entry/travelers-face-chaos-as-londons-gatwick-airport-still-shuttered-over-drones/',
    ],
  },
  {
    key: '2020-02-20-georgia', date: '2020-02-20', actor: 'GRU', state: 'Russia',
    incident: 'Disruptive attacks on Georgian web hosting on 28 October 2019: government, court, NGO and media sites defaced and national broadcasts interrupted.',
    attributingStates: ['United Kingdom', 'United States', 'Georgia', 'other partners'],
    confidenceLanguage: 'UK (NCSC): "highest level of probability" / "almost certainly"',
    sources: ['https://agenda.ge/en/news/2020/539', 'https://civil.ge/archives/339618/amp', 'https://www.defenceweb.co.za/cyber-defence/russia-blamed-for-georgia-cyberattacks/'],
  },
  {
    key: '2020-07-16-vaccine-research', date: '2020-07-16', actor: 'APT29 (Cozy Bear)', state: 'Russia - intelligence services (SVR)',
    incident: 'Intrusion attempts against organisations researching and developing COVID-19 vaccines.',
    attributingStates: ['United Kingdom', 'Canada', 'United States'],
    confidenceLanguage: 'a joint advisory led by the NCSC',
    sources: ['https://www.ncsc.gov.uk/news/uk-and-allies-expose-russian-attacks-on-coronavirus-vaccine-development'],
  },
  {
    key: '2020-07-30-eu-sanctions', date: '2020-07-30', actor: 'Individuals and entities linked to GRU (incl. GTsST), Chosun Expo (DPRK) and Haitai Technology (China)', state: 'Russia, DPRK, China (as described in listings)',
    incident: "The EU's first cyber sanctions: six people and three entities listed for the OPCW attempt, WannaCry, NotPetya and Cloud Hopper (travel bans, asset freezes).",
    attributingStates: ['European Union (Council)'],
    confidenceLanguage: 'sanctions listings under Council Decision (CFSP) 2019/797',
    sources: ['https://www.brusselstimes.com/all-news/eu-affairs/124255/eu-imposes-first-ever-sanctions-against-cyber-attacks/', 'https://dig.watch/updates/eu-sanctions-north-korea-china-and-russia-over-cybercrimes'],
  },
  {
    key: '2020-10-19-olympics', date: '2020-10-19', actor: 'GRU Unit 74455 (Sandworm)', state: 'Russia',
    incident: 'Olympic Destroyer against the 2018 PyeongChang Winter Games, disguised as North Korean or Chinese work, and reconnaissance of Tokyo 2020 organisers, sponsors and logistics firms.',
    attributingStates: ['United Kingdom', 'United States'],
    confidenceLanguage: 'UK: 95 % confidence (reported)',
    sources: ['https://www.looptonga.com/tech/tokyo-olympics-russian-hackers-targeted-games-uk-says-95260', 'https://www.tefter.io/bookmarks/519615/readable'],
  },
  {
    key: '2021-04-15-solarwinds', date: '2021-04-15', actor: 'SVR (APT29 / Cozy Bear / The Dukes)', state: 'Russia - Foreign Intelligence Service',
    incident: 'The SolarWinds Orion supply-chain compromise: a trojanised update reached about 18,000 organisations.',
    attributingStates: ['United States', 'United Kingdom'],
    confidenceLanguage: 'UK (NCSC): "highly likely"',
    sources: [
      'https://www.independent.co.uk/news/uk/politics/solarwinds-russia-hack-us-b1832313.html',
      'https://janes.com/osint-insights/defence-news-details/uk-and-us-confirm-russian-responsibility-for-solarwinds-attack',
      'https://eurasiantimes.com/russia-biggest-threat-to-british-national-security-uk-government',
    ],
  },
  {
    key: '2021-07-19-exchange', date: '2021-07-19', actor: 'HAFNIUM and other MSS-linked groups', state: 'China - Ministry of State Security',
    incident: 'Mass exploitation of Microsoft Exchange Server flaws in early 2021, and a wider pattern of hacking linked to the MSS.',
    attributingStates: ['United States', 'European Union', 'NATO', 'United Kingdom', 'Australia', 'Canada', 'Japan', 'New Zealand'],
    confidenceLanguage: 'UK (NCSC): HAFNIUM "highly likely" associated with the Chinese state; US: "high degree of confidence"',
    sources: ['https://letstalkcyber.org/news/eu-us-nato-and-five-eyes-attribute-microsoft-exchange-hack-to-china', 'https://www.theguardian.com/world/2021/jul/19/uk-allies-accuse-chinese-state-backed-group-microsoft-hack'],
  },
  {
    key: '2022-05-10-viasat', date: '2022-05-10', actor: 'Russian military intelligence (GRU, per UK/US)', state: 'Russia',
    incident: "The attack on Viasat's KA-SAT network an hour before the invasion of Ukraine on 24 February 2022, disabling tens of thousands of modems, with effects across Europe (wind turbines among them).",
    attributingStates: ['European Union', 'United Kingdom', 'United States', 'Canada', 'Estonia', 'Australia', 'New Zealand', 'Ukraine'],
    confidenceLanguage: 'EU: its first formal attribution of a cyber attack to the Russian Federation',
    sources: [
      'https://japantimes.co.jp/news/2022/05/11/world/russia-ukraine-cyberattack-internet',
      'https://www.law360.com/cybersecurity-privacy/articles/1491877',
      'https://boletimsec.com.br/uniao-europeia-culpa-russia-por-ciberataque-a-rede-de-satelites-ka-sat-operada-pela-viasat',
      'https://pledgetimes.com/europe-accused-russia-of-a-cyber-attack-hours-before-the-invasion-of-ukraine/',
    ],
  },
  {
    key: '2023-12-07-star-blizzard', date: '2023-12-07', actor: 'Star Blizzard (Callisto / SEABORGIUM)', state: "Russia - FSB Centre 18 (Star Blizzard 'almost certainly' subordinate)",
    incident: 'Spear-phishing and hack-and-leak operations against UK parliamentarians, officials, think tanks and journalists, including the leak of US-UK trade papers before the 2019 election.',
    attributingStates: ['United Kingdom'],
    confidenceLanguage: 'UK: Star Blizzard "almost certainly" subordinate to FSB Centre 18',
    sources: ['https://www.independent.co.uk/news/uk/home-news/putin-mp-russia-hacked-leo-docherty-b2460079.html', 'https://cybernews.com/cyber-war/uk-russia-government-espionage/'],
  },
  {
    key: '2024-03-25-electoral-commission', date: '2024-03-25', actor: 'APT31 (and an unnamed China state-affiliated actor for the Electoral Commission)', state: 'China - state-affiliated (MSS-linked)',
    incident: "The compromise of the UK Electoral Commission's systems (2021-22) and reconnaissance against UK parliamentarians critical of China (2021).",
    attributingStates: ['United Kingdom', 'Five Eyes partners (support)', 'United States (parallel action)'],
    confidenceLanguage: 'UK (NCSC): Electoral Commission "highly likely" compromised by a Chinese state-affiliated actor; APT31 reconnaissance "almost certain"',
    sources: [
      'https://www.gov.uk/government/news/uk-holds-china-state-affiliated-organisations-and-individuals-responsible-for-malicious-cyber-activity',
      'https://archive.orkl.eu/9c9a878d5845aec62d118101e77154901ec34c0c.json',
      'https://www.nation.com.pk/26-Mar-2024/uk-accuses-china-of-being-behind-cyberattacks-on-institutions-parliamentarians',
      'https://packaging-gateway.com/news/uk-identifies-chinese-cyber-threats-to-democracy',
    ],
  },
  {
    key: '2024-07-09-apt40', date: '2024-07-09', actor: 'APT40', state: 'China - Ministry of State Security',
    incident: 'A joint advisory on APT40: continuing reconnaissance and exploitation of Australian networks through compromised small-office and home-office devices.',
    attributingStates: ['Australia', 'United States', 'United Kingdom', 'Canada', 'New Zealand', 'Germany', 'Republic of Korea', 'Japan'],
    confidenceLanguage: 'the advisory attributes APT40 to operations for the PRC MSS',
    sources: ['https://www.ncsc.govt.nz/alerts/prc-mss-tradecraft-in-action', 'https://www.cyber.gov.au/about-us/view-all-content/news-and-media/prc-state-sponsored-cyber-group-apt40s-expanding-tradecraft-and-tactics'],
  },
  {
    key: '2024-09-05-unit-29155', date: '2024-09-05', actor: 'GRU Unit 29155 (Cadet Blizzard / Ember Bear)', state: 'Russia - GRU',
    incident: 'The WhisperGate wiper against Ukraine (January 2022) and espionage and sabotage operations against NATO and EU states since 2020.',
    attributingStates: ['United States', 'Netherlands', 'Czech Republic', 'Germany', 'Estonia', 'Latvia', 'Ukraine', 'Canada', 'Australia', 'United Kingdom'],
    confidenceLanguage: 'a joint cybersecurity advisory by the co-sealing agencies',
    sources: [
      'https://icaro.icaromediagroup.com/media/news_stories/politics/icaro-media-group/united-states-and-allied-nations-accuse-russia-of-orchestrating-cyberattacks-on-ukrainian-critical-infrastructure/44374932',
      'https://cyberdefenseinsights-org.pages.dev/2024/10/04/russian-military-targeting-us-critical-infrastructure-analyz',
      'https://theindependentnewstoday.com/russian-military-behind-eu-and-nato-cyber-attacks-says-germany',
    ],
  },
];

export interface PublicAttributionQuery {
  /** Words in the actor's name or aliases (case-insensitive substring). */
  actor?: string;
  /** Words in the state (case-insensitive substring), e.g. "Russia", "DPRK". */
  state?: string;
  year?: number;
}

function contains(text: string, part: string | undefined): boolean {
  return part === undefined || text.toLowerCase().includes(part.trim().toLowerCase());
}

/** The records matching every given criterion, oldest first. */
export function searchPublicAttributions(query: PublicAttributionQuery = {}): PublicAttribution[] {
  return PUBLIC_ATTRIBUTIONS.filter((record) => contains(record.actor, query.actor) && contains(record.state, query.state)
    && (query.year === undefined || record.date.startsWith(`${query.year}-`)));
}
