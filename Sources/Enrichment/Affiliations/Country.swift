/// A country as affiliations name it: ISO 3166 codes, the English name Hublot shows, and the other names
/// printed in bylines (French names, native names, official and older forms).
public struct Country: Hashable, Sendable {
    /// ISO 3166-1 alpha-2 (`FR`).
    public let code: String
    /// ISO 3166-1 alpha-3 (`FRA`).
    public let code3: String
    /// The English short name (`France`), the value of the country facet.
    public let name: String
    let otherNames: [String]

    static let all: [Country] = table.split(separator: "\n").map { line in
        let fields = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
        let codes = fields[0].split(separator: " ")
        return Country(code: String(codes[0]), code3: String(codes[1]), name: fields[1], otherNames: Array(fields.dropFirst(2)))
    }

    public static let byCode: [String: Country] = Dictionary(all.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
    static let byCode3: [String: Country] = Dictionary(all.map { ($0.code3, $0) }, uniquingKeysWith: { first, _ in first })

    /// Every name, folded (`AffiliationText.folded`), to its country.
    static let byName: [String: Country] = {
        var names: [String: Country] = [:]
        for country in all {
            for name in [country.name] + country.otherNames {
                let key = AffiliationText.folded(name)
                if names[key] == nil { names[key] = country }
            }
        }
        return names
    }()

    public static func named(_ englishName: String) -> Country? { all.first { $0.name == englishName } }

    // Codes, English name, then other names, `|`-separated. Written for this reader; overseas territories that
    // bylines name on their own (Réunion, Guadeloupe) keep their own code, as ISO and ROR do.
    private static let table = """
        AF AFG | Afghanistan
        AX ALA | Åland | Aland Islands
        AL ALB | Albania | Albanie | Shqipëria
        DZ DZA | Algeria | Algérie
        AS ASM | American Samoa
        AD AND | Andorra | Andorre
        AO AGO | Angola
        AI AIA | Anguilla
        AQ ATA | Antarctica | Antarctique
        AG ATG | Antigua and Barbuda
        AR ARG | Argentina | Argentine
        AM ARM | Armenia | Arménie
        AW ABW | Aruba
        AU AUS | Australia | Australie
        AT AUT | Austria | Autriche | Österreich
        AZ AZE | Azerbaijan | Azerbaïdjan
        BS BHS | Bahamas | The Bahamas
        BH BHR | Bahrain | Bahreïn | Kingdom of Bahrain
        BD BGD | Bangladesh
        BB BRB | Barbados
        BY BLR | Belarus | Biélorussie | Bélarus
        BE BEL | Belgium | Belgique | België | Belgien
        BZ BLZ | Belize
        BJ BEN | Benin | Bénin
        BM BMU | Bermuda
        BT BTN | Bhutan | Bhoutan
        BO BOL | Bolivia | Bolivie
        BQ BES | Bonaire, Sint Eustatius, and Saba | Bonaire
        BA BIH | Bosnia and Herzegovina | Bosnia & Herzegovina | Bosnia-Herzegovina | Bosnie-Herzégovine | Bosnia
        BW BWA | Botswana
        BR BRA | Brazil | Brésil | Brasil
        VG VGB | British Virgin Islands
        BN BRN | Brunei | Brunei Darussalam
        BG BGR | Bulgaria | Bulgarie
        BF BFA | Burkina Faso
        BI BDI | Burundi
        CV CPV | Cabo Verde | Cape Verde | Cap-Vert
        KH KHM | Cambodia | Cambodge
        CM CMR | Cameroon | Cameroun
        CA CAN | Canada
        KY CYM | Cayman Islands
        CF CAF | Central African Republic | République centrafricaine
        TD TCD | Chad | Tchad
        CL CHL | Chile | Chili
        CN CHN | China | Chine | People's Republic of China | PR China | P R China | PRC | Mainland China | China PR
        CO COL | Colombia | Colombie
        KM COM | Comoros | Comores
        CG COG | Congo Republic | Republic of the Congo | Republic of Congo | Congo | Congo-Brazzaville
        CD COD | DR Congo | Democratic Republic of the Congo | Democratic Republic of Congo | DRC | République démocratique du Congo | RDC
        CK COK | Cook Islands
        CR CRI | Costa Rica
        CI CIV | Ivory Coast | Côte d'Ivoire | Cote d'Ivoire
        HR HRV | Croatia | Croatie | Hrvatska
        CU CUB | Cuba
        CW CUW | Curaçao
        CY CYP | Cyprus | Chypre
        CZ CZE | Czechia | Czech Republic | République tchèque | Tchéquie | Česká republika
        DK DNK | Denmark | Danemark | Danmark
        DJ DJI | Djibouti
        DM DMA | Dominica
        DO DOM | Dominican Republic | République dominicaine
        EC ECU | Ecuador | Équateur
        EG EGY | Egypt | Égypte | Arab Republic of Egypt
        SV SLV | El Salvador
        GQ GNQ | Equatorial Guinea | Guinée équatoriale
        ER ERI | Eritrea | Érythrée
        EE EST | Estonia | Estonie | Eesti
        SZ SWZ | Eswatini | Swaziland
        ET ETH | Ethiopia | Éthiopie
        FK FLK | Falkland Islands
        FO FRO | Faroe Islands | Faroes
        FJ FJI | Fiji | Fidji
        FI FIN | Finland | Finlande | Suomi
        FR FRA | France | French Republic | République française
        GF GUF | French Guiana | Guyane | Guyane française
        PF PYF | French Polynesia | Polynésie française | Tahiti
        GA GAB | Gabon
        GM GMB | Gambia | The Gambia | Gambie
        GE GEO | Georgia | Géorgie
        DE DEU | Germany | Allemagne | Deutschland | Federal Republic of Germany
        GH GHA | Ghana
        GI GIB | Gibraltar
        GR GRC | Greece | Grèce | Hellas
        GL GRL | Greenland | Groenland
        GD GRD | Grenada
        GP GLP | Guadeloupe
        GU GUM | Guam
        GT GTM | Guatemala
        GG GGY | Guernsey
        GN GIN | Guinea | Guinée | Guinea-Conakry
        GW GNB | Guinea-Bissau | Guinée-Bissau
        GY GUY | Guyana
        HT HTI | Haiti | Haïti
        HN HND | Honduras
        HK HKG | Hong Kong | Hong Kong SAR | Hong Kong SAR China | Hong Kong China | HKSAR
        HU HUN | Hungary | Hongrie | Magyarország
        IS ISL | Iceland | Islande
        IN IND | India | Inde
        ID IDN | Indonesia | Indonésie
        IR IRN | Iran | Islamic Republic of Iran | Iran (Islamic Republic of)
        IQ IRQ | Iraq | Irak
        IE IRL | Ireland | Irlande | Republic of Ireland | Éire
        IM IMN | Isle of Man
        IL ISR | Israel | Israël
        IT ITA | Italy | Italie | Italia
        JM JAM | Jamaica | Jamaïque
        JP JPN | Japan | Japon | Nippon
        JE JEY | Jersey
        JO JOR | Jordan | Jordanie
        KZ KAZ | Kazakhstan
        KE KEN | Kenya
        KI KIR | Kiribati
        XK XKX | Kosovo
        KW KWT | Kuwait | Koweït
        KG KGZ | Kyrgyzstan | Kirghizistan | Kyrgyz Republic
        LA LAO | Laos | Lao PDR | Lao People's Democratic Republic
        LV LVA | Latvia | Lettonie
        LB LBN | Lebanon | Liban
        LS LSO | Lesotho
        LR LBR | Liberia
        LY LBY | Libya | Libye
        LI LIE | Liechtenstein
        LT LTU | Lithuania | Lituanie
        LU LUX | Luxembourg | Grand Duchy of Luxembourg
        MO MAC | Macao | Macau | Macao SAR | Macau SAR
        MG MDG | Madagascar
        MW MWI | Malawi
        MY MYS | Malaysia | Malaisie
        MV MDV | Maldives
        ML MLI | Mali
        MT MLT | Malta | Malte
        MH MHL | Marshall Islands
        MQ MTQ | Martinique
        MR MRT | Mauritania | Mauritanie
        MU MUS | Mauritius | Île Maurice
        YT MYT | Mayotte
        MX MEX | Mexico | Mexique | México
        FM FSM | Micronesia
        MD MDA | Moldova | Moldavie | Republic of Moldova
        MC MCO | Monaco | Principality of Monaco
        MN MNG | Mongolia | Mongolie
        ME MNE | Montenegro | Monténégro
        MS MSR | Montserrat
        MA MAR | Morocco | Maroc | Kingdom of Morocco
        MZ MOZ | Mozambique
        MM MMR | Myanmar | Burma | Birmanie
        NA NAM | Namibia | Namibie
        NR NRU | Nauru
        NP NPL | Nepal | Népal
        NL NLD | Netherlands | The Netherlands | Pays-Bas | Nederland | Holland | Kingdom of the Netherlands
        NC NCL | New Caledonia | Nouvelle-Calédonie
        NZ NZL | New Zealand | Nouvelle-Zélande | Aotearoa
        NI NIC | Nicaragua
        NE NER | Niger
        NG NGA | Nigeria | Nigéria
        KP PRK | North Korea | Democratic People's Republic of Korea | DPRK | Corée du Nord
        MK MKD | North Macedonia | Macedonia | Republic of North Macedonia | Macédoine du Nord | FYROM
        NO NOR | Norway | Norvège | Norge
        OM OMN | Oman | Sultanate of Oman
        PK PAK | Pakistan
        PW PLW | Palau
        PS PSE | Palestine | State of Palestine | Palestinian Territories | Palestinian Territory | Gaza | West Bank
        PA PAN | Panama | Panamá
        PG PNG | Papua New Guinea | Papouasie-Nouvelle-Guinée
        PY PRY | Paraguay
        PE PER | Peru | Pérou | Perú
        PH PHL | Philippines | Republic of the Philippines
        PL POL | Poland | Pologne | Polska
        PT PRT | Portugal
        PR PRI | Puerto Rico | Porto Rico
        QA QAT | Qatar
        RE REU | Réunion | La Réunion | Reunion Island | Île de la Réunion
        RO ROU | Romania | Roumanie | România
        RU RUS | Russia | Russian Federation | Russie | Fédération de Russie | Rossiya
        RW RWA | Rwanda
        BL BLM | Saint Barthélemy
        KN KNA | Saint Kitts and Nevis
        LC LCA | Saint Lucia | Sainte-Lucie
        MF MAF | Saint Martin
        PM SPM | Saint Pierre and Miquelon | Saint-Pierre-et-Miquelon
        VC VCT | Saint Vincent and the Grenadines
        WS WSM | Samoa
        SM SMR | San Marino | Saint-Marin
        ST STP | São Tomé and Príncipe | Sao Tome and Principe
        SA SAU | Saudi Arabia | Arabie saoudite | Kingdom of Saudi Arabia | KSA
        SN SEN | Senegal | Sénégal
        RS SRB | Serbia | Serbie | Srbija | Republic of Serbia
        SC SYC | Seychelles
        SL SLE | Sierra Leone
        SG SGP | Singapore | Singapour | Republic of Singapore
        SX SXM | Sint Maarten
        SK SVK | Slovakia | Slovaquie | Slovak Republic | Slovensko
        SI SVN | Slovenia | Slovénie | Slovenija
        SB SLB | Solomon Islands
        SO SOM | Somalia | Somalie
        ZA ZAF | South Africa | Afrique du Sud | Republic of South Africa | RSA
        KR KOR | South Korea | Republic of Korea | Korea | Korea (South) | Korea, Republic of | Corée du Sud | Corée | ROK | S Korea
        SS SSD | South Sudan | Soudan du Sud
        ES ESP | Spain | Espagne | España | Espana | Kingdom of Spain
        LK LKA | Sri Lanka
        SD SDN | Sudan | Soudan
        SR SUR | Suriname
        SJ SJM | Svalbard and Jan Mayen
        SE SWE | Sweden | Suède | Sverige
        CH CHE | Switzerland | Suisse | Schweiz | Svizzera | Confédération suisse
        SY SYR | Syria | Syrie | Syrian Arab Republic
        TW TWN | Taiwan | Taïwan | Taiwan ROC | ROC | Taiwan Republic of China | Taiwan R O C
        TJ TJK | Tajikistan | Tadjikistan
        TZ TZA | Tanzania | Tanzanie | United Republic of Tanzania
        TH THA | Thailand | Thaïlande
        TL TLS | Timor-Leste | East Timor
        TG TGO | Togo
        TO TON | Tonga
        TT TTO | Trinidad and Tobago | Trinidad & Tobago | Trinidad
        TN TUN | Tunisia | Tunisie
        TR TUR | Turkey | Türkiye | Turkiye | Turquie
        TM TKM | Turkmenistan | Turkménistan
        TC TCA | Turks and Caicos Islands
        TV TUV | Tuvalu
        UG UGA | Uganda | Ouganda
        UA UKR | Ukraine
        AE ARE | United Arab Emirates | UAE | U A E | Émirats arabes unis
        GB GBR | United Kingdom | UK | U K | Great Britain | Britain | Royaume-Uni | England | Scotland | Wales | Northern Ireland | GB
        US USA | United States | USA | U S A | US | U S | United States of America | États-Unis | Etats-Unis
        VI VIR | U.S. Virgin Islands | US Virgin Islands
        UY URY | Uruguay
        UZ UZB | Uzbekistan | Ouzbékistan
        VU VUT | Vanuatu
        VA VAT | Vatican City | Holy See | Vatican
        VE VEN | Venezuela | Bolivarian Republic of Venezuela
        VN VNM | Vietnam | Viet Nam | Viêt Nam
        EH ESH | Western Sahara
        YE YEM | Yemen | Yémen
        ZM ZMB | Zambia | Zambie
        ZW ZWE | Zimbabwe
        """
}
