/// Places that say a country when the affiliation does not name it: US states, other countries' regions, major
/// cities, e-mail domains. Names are folded (`AffiliationText.folded`) as they are looked up.
enum AffiliationPlaces {
    /// US states and territories by their postal abbreviation, the abbreviation being what bylines print with a ZIP code.
    static let usStates: [String: String] = [
        "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California", "CO": "Colorado", "CT": "Connecticut",
        "DE": "Delaware", "DC": "District of Columbia", "FL": "Florida", "GA": "Georgia", "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois",
        "IN": "Indiana", "IA": "Iowa", "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana", "ME": "Maine", "MD": "Maryland",
        "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota", "MS": "Mississippi", "MO": "Missouri", "MT": "Montana",
        "NE": "Nebraska", "NV": "Nevada", "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York",
        "NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon", "PA": "Pennsylvania",
        "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota", "TN": "Tennessee", "TX": "Texas", "UT": "Utah",
        "VT": "Vermont", "VA": "Virginia", "WA": "Washington", "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming",
    ]

    /// US states as older bylines abbreviate them (`Calif.`, `Mass.`), folded: read only ending a part, since some
    /// are words (`mass spectrometry`).
    static let oldStateAbbreviations: Set<String> = [
        "ala", "ariz", "ark", "calif", "cal", "colo", "conn", "del", "fla", "ill", "ind", "kan", "mass", "md", "mich", "minn", "miss", "mo",
        "mont", "neb", "nev", "okla", "ore", "penn", "penna", "tenn", "tex", "va", "vt", "wash", "wis", "wyo",
    ]

    /// Abbreviations of regions, read only as written, in capitals: `ON` is Ontario, `on` is a word.
    static let regionAbbreviations: [String: String] = {
        var codes = usStates.mapValues { _ in "US" }
        for code in ["ON", "QC", "BC", "AB", "MB", "SK", "NS", "NB"] { codes[code] = "CA" }
        for code in ["NSW", "QLD", "VIC", "TAS"] { codes[code] = "AU" }
        return codes
    }()

    /// Regions named in bylines instead of their country: US states (Georgia is left to the country it also
    /// names, and decided by `AffiliationReader` from the other parts), Canadian provinces, Australian states,
    /// Chinese and Indian provinces and states, and the like. Folded name → ISO alpha-2.
    static let regions: [String: String] = {
        var regions: [String: String] = [:]
        for name in usStates.values where name != "Georgia" { regions[AffiliationText.folded(name)] = "US" }
        regions["washington dc"] = "US"
        regions["washington d c"] = "US"
        regions["new england"] = "US"
        // Georgia the state, where the country's name would be read: its universities and its cities.
        for name in [
            "university of georgia", "georgia state university", "georgia institute of technology", "medical college of georgia", "athens georgia",
        ] {
            regions[name] = "US"
        }
        for (code, names) in regionTable {
            for name in names.split(separator: "|") { regions[AffiliationText.folded(String(name))] = code }
        }
        return regions
    }()

    private static let regionTable: [(String, String)] = [
        ("CA", "Ontario|Quebec|Québec|British Columbia|Alberta|Manitoba|Saskatchewan|Nova Scotia|New Brunswick|Newfoundland"),
        ("AU", "New South Wales|Queensland|Western Australia|South Australia|Tasmania|Northern Territory|Australian Capital Territory"),
        (
            "CN",
            "Guangdong|Jiangsu|Zhejiang|Shandong|Hubei|Hunan|Sichuan|Henan|Hebei|Fujian|Anhui|Jiangxi|Shaanxi|Shanxi|Liaoning|Jilin|Heilongjiang|"
                + "Yunnan|Guizhou|Guangxi|Gansu|Hainan|Inner Mongolia|Xinjiang|Ningxia|Qinghai|Tibet"
        ),
        (
            "IN",
            "Maharashtra|Tamil Nadu|Karnataka|Kerala|Uttar Pradesh|West Bengal|Gujarat|Rajasthan|Andhra Pradesh|Telangana|Haryana|"
                + "Madhya Pradesh|Odisha|Orissa|Bihar|Assam|Uttarakhand|Himachal Pradesh|Jharkhand|Chhattisgarh"
        ),
        ("FR", "Île-de-France|Ile de France|Auvergne-Rhône-Alpes|Nouvelle-Aquitaine|Occitanie|Bretagne|Normandie|Hauts-de-France|Grand Est"),
        ("GB", "Greater London|Yorkshire|Lancashire|Cheshire|Oxfordshire|Cambridgeshire"),
        ("JP", "Hokkaido|Okinawa|Saitama|Chiba|Kanagawa|Aichi|Hyogo|Fukuoka|Ibaraki|Tochigi|Gunma|Shizuoka|Niigata|Miyagi"),
        ("BR", "São Paulo SP|Rio de Janeiro RJ|Minas Gerais|Rio Grande do Sul|Paraná|Santa Catarina|Bahia|Pernambuco|Goiás"),
    ]

    /// Cities whose name, alone in a part or ending it, says the country. Cities shared by several countries
    /// (Cambridge, London in Ontario, Birmingham in Alabama, Valencia in Venezuela) are left out.
    static let cities: [String: String] = {
        var cities: [String: String] = [:]
        for (code, names) in cityTable {
            for name in names.split(separator: "|") { cities[AffiliationText.folded(String(name))] = code }
        }
        return cities
    }()

    private static let cityTable: [(String, String)] = [
        (
            "FR",
            "Paris|Lyon|Marseille|Bordeaux|Lille|Toulouse|Nantes|Strasbourg|Montpellier|Rennes|Nice|Grenoble|Dijon|Angers|Brest|Tours|"
                + "Clermont-Ferrand|Reims|Rouen|Caen|Amiens|Limoges|Poitiers|Besançon|Nancy|Metz|Saint-Étienne|Le Havre|Villejuif|Créteil|"
                + "Bobigny|Kremlin-Bicêtre|Le Kremlin-Bicêtre|Garches|Clichy|Boulogne-Billancourt|Saint-Denis|Saint-Maurice|Montrouge|Versailles|"
                + "Orsay|Gif-sur-Yvette|Palaiseau|Évry|Cergy|Nîmes|Avignon|Perpignan|Pau|Bayonne|La Rochelle|Lorient|Vannes|Quimper|Le Mans|"
                + "Orléans|Annecy|Chambéry|Mulhouse|Colmar|Toulon|Aix-en-Provence|Pointe-à-Pitre|Fort-de-France|Cayenne|Lyon Cedex"
        ),
        (
            "US",
            "New York|New York City|Los Angeles|Chicago|Houston|Philadelphia|Phoenix|San Antonio|San Diego|Dallas|San Francisco|Seattle|Boston|"
                + "Baltimore|Bethesda|Atlanta|Nashville|Pittsburgh|Ann Arbor|Rochester|Stanford|Palo Alto|Chapel Hill|New Haven|"
                + "Minneapolis|St. Louis|Saint Louis|Cleveland|Denver|Salt Lake City|Portland|Miami|Tampa|Gainesville|Madison|Iowa City|"
                + "Columbus|Cincinnati|Indianapolis|Detroit|Milwaukee|Princeton|Berkeley|Irvine|Sacramento|La Jolla|"
                + "Pasadena|Austin|Charlottesville|Buffalo|Albany|Omaha|Lexington|Louisville|Birmingham AL|Memphis|New Orleans|"
                + "Honolulu|Anchorage|Tucson|Albuquerque|Las Vegas|Hershey|Galveston|Cambridge MA|Rockville"
        ),
        (
            "GB",
            "London|Oxford|Manchester|Liverpool|Leeds|Sheffield|Bristol|Newcastle upon Tyne|Nottingham|Leicester|Southampton|"
                + "Edinburgh|Glasgow|Aberdeen|Dundee|Cardiff|Swansea|Belfast|Exeter|Norwich|Brighton|Coventry|Plymouth|Hull"
        ),
        (
            "DE",
            "Berlin|Rostock|Munich|München|Hamburg|Frankfurt|Frankfurt am Main|Heidelberg|Cologne|Köln|Bonn|Düsseldorf|Stuttgart|Leipzig|Dresden|"
                + "Freiburg|Tübingen|Göttingen|Mainz|Würzburg|Münster|Hannover|Erlangen|Aachen|Kiel|Jena|Essen|Regensburg|Ulm|Mannheim|Bochum"
        ),
        (
            "IT",
            "Rome|Roma|Milan|Milano|Naples|Napoli|Turin|Torino|Florence|Firenze|Bologna|Padua|Padova|Genoa|Genova|Pisa|Siena|Verona|Pavia|"
                + "Bari|Palermo|Catania|Cagliari|Perugia|Modena|Parma|Trieste|Udine|Ancona"
        ),
        (
            "ES",
            "Madrid|Barcelona|Seville|Sevilla|Bilbao|Zaragoza|Málaga|Granada|Salamanca|Santiago de Compostela|Pamplona|Oviedo|Murcia|Valladolid"
        ),
        ("NL", "Amsterdam|Rotterdam|Utrecht|Leiden|Groningen|Nijmegen|Maastricht|Eindhoven|Delft|The Hague|Den Haag|Tilburg|Wageningen"),
        ("BE", "Brussels|Bruxelles|Brussel|Leuven|Louvain|Ghent|Gent|Antwerp|Antwerpen|Liège|Namur|Louvain-la-Neuve|Charleroi"),
        ("CH", "Geneva|Genève|Lausanne|Zurich|Zürich|Basel|Bâle|Bern|Berne|Fribourg|Lugano|St. Gallen"),
        ("AT", "Vienna|Wien|Graz|Innsbruck|Salzburg|Linz"),
        ("SE", "Stockholm|Gothenburg|Göteborg|Uppsala|Lund|Malmö|Umeå|Linköping|Örebro"),
        ("DK", "Copenhagen|København|Aarhus|Odense|Aalborg"),
        ("NO", "Oslo|Bergen|Trondheim|Tromsø|Stavanger"),
        ("FI", "Helsinki|Turku|Tampere|Oulu|Kuopio"),
        ("PT", "Lisbon|Lisboa|Porto|Coimbra|Braga"),
        ("IE", "Dublin|Cork|Galway|Limerick"),
        ("PL", "Warsaw|Warszawa|Kraków|Krakow|Wrocław|Wroclaw|Poznań|Poznan|Gdańsk|Gdansk|Łódź|Lodz|Lublin|Katowice"),
        ("CZ", "Prague|Praha|Brno|Olomouc"),
        ("HU", "Budapest|Debrecen|Szeged|Pécs"),
        ("GR", "Athens|Thessaloniki|Heraklion|Patras|Ioannina"),
        ("RU", "Moscow|Saint Petersburg|St. Petersburg|Novosibirsk|Kazan|Yekaterinburg|Tomsk"),
        (
            "CN",
            "Beijing|Shanghai|Guangzhou|Shenzhen|Wuhan|Chengdu|Hangzhou|Nanjing|Tianjin|Xi'an|Xian|Chongqing|Changsha|Shenyang|Harbin|Jinan|"
                + "Qingdao|Zhengzhou|Hefei|Fuzhou|Xiamen|Kunming|Suzhou|Dalian|Changchun|Nanchang|Lanzhou|Guiyang|Nanning|Taiyuan|Shijiazhuang|"
                + "Urumqi|Hohhot|Ningbo|Wuxi|Wenzhou|Zhuhai|Shantou|Xuzhou"
        ),
        (
            "JP",
            "Tokyo|Osaka|Kyoto|Nagoya|Yokohama|Kobe|Sapporo|Sendai|Hiroshima|Fukuoka|Chiba|Kawasaki|Okayama|Kanazawa|Kumamoto|Nagasaki|"
                + "Niigata|Tsukuba|Kagoshima|Matsumoto|Hamamatsu|Shizuoka"
        ),
        ("KR", "Seoul|Busan|Daegu|Incheon|Gwangju|Daejeon|Ulsan|Suwon|Seongnam|Cheongju|Jeonju|Chuncheon"),
        ("TW", "Taipei|Kaohsiung|Taichung|Tainan|Hsinchu|Taoyuan"),
        ("HK", "Kowloon|Sha Tin|Shatin|Pokfulam"),
        ("SG", "Singapore"),
        (
            "IN",
            "New Delhi|Delhi|Mumbai|Bombay|Bangalore|Bengaluru|Chennai|Madras|Kolkata|Calcutta|Hyderabad|Pune|Ahmedabad|Lucknow|Chandigarh|"
                + "Jaipur|Bhopal|Kanpur|Vellore|Manipal|Bhubaneswar|Kochi|Thiruvananthapuram|Varanasi|Roorkee|Kharagpur|Guwahati|Patna|Nagpur"
        ),
        ("PK", "Karachi|Lahore|Islamabad|Rawalpindi|Peshawar|Faisalabad|Multan|Quetta"),
        ("BD", "Dhaka|Chittagong|Rajshahi|Khulna|Sylhet"),
        ("IR", "Tehran|Mashhad|Isfahan|Shiraz|Tabriz|Kerman|Ahvaz|Qom"),
        ("TR", "Istanbul|İstanbul|Ankara|Izmir|İzmir|Bursa|Antalya|Konya|Adana|Kayseri|Erzurum|Eskişehir|Samsun|Trabzon"),
        ("IL", "Jerusalem|Tel Aviv|Haifa|Beer-Sheva|Beersheba|Rehovot|Ramat Gan|Petah Tikva"),
        ("SA", "Riyadh|Jeddah|Dammam|Mecca|Medina|Makkah|Abha|Dhahran"),
        ("EG", "Cairo|Giza|Mansoura|Assiut|Zagazig|Tanta"),
        ("ZA", "Johannesburg|Cape Town|Pretoria|Durban|Stellenbosch|Bloemfontein"),
        ("NG", "Lagos|Ibadan|Abuja|Ile-Ife|Enugu|Zaria|Benin City|Port Harcourt|Nsukka"),
        ("KE", "Nairobi|Mombasa|Kisumu|Eldoret"),
        ("ET", "Addis Ababa|Gondar|Jimma|Mekelle|Bahir Dar"),
        ("MA", "Rabat|Casablanca|Marrakech|Fès|Fez"),
        ("TN", "Tunis|Sfax|Sousse|Monastir"),
        ("DZ", "Algiers|Alger|Oran|Constantine"),
        ("SN", "Dakar"),
        ("AU", "Sydney|Melbourne|Brisbane|Perth|Adelaide|Canberra|Hobart|Darwin|Newcastle NSW|Gold Coast|Townsville"),
        ("NZ", "Auckland|Wellington|Christchurch|Dunedin|Hamilton NZ"),
        ("CA", "Toronto|Montreal|Montréal|Vancouver|Ottawa|Calgary|Edmonton|Winnipeg|Halifax|Québec City|Quebec City|Sherbrooke|Saskatoon"),
        ("BR", "São Paulo|Sao Paulo|Rio de Janeiro|Belo Horizonte|Porto Alegre|Curitiba|Brasília|Brasilia|Recife|Salvador|Fortaleza|Campinas"),
        ("MX", "Mexico City|Ciudad de México|Guadalajara|Monterrey|Puebla"),
        ("AR", "Buenos Aires|Rosario|La Plata|Mendoza"),
        ("CL", "Santiago de Chile|Valparaíso|Concepción"),
        ("CO", "Bogotá|Bogota|Medellín|Medellin|Cali|Barranquilla"),
        ("PE", "Lima|Arequipa"),
        ("TH", "Bangkok|Chiang Mai|Khon Kaen|Songkhla|Hat Yai"),
        ("VN", "Hanoi|Ha Noi|Ho Chi Minh City|Da Nang"),
        ("MY", "Kuala Lumpur|Penang|Johor Bahru|Selangor"),
        ("ID", "Jakarta|Bandung|Surabaya|Yogyakarta|Denpasar"),
        ("PH", "Manila|Quezon City|Cebu"),
        ("AE", "Dubai|Abu Dhabi|Sharjah|Al Ain"),
        ("QA", "Doha"),
        ("LB", "Beirut"),
        ("JO", "Amman|Irbid"),
    ]

    /// Words of a language spoken in one country only, naming an institution in it: `Üniversitesi`, `Uniwersytet`.
    static let languageWords: [String: String] = [
        "universitesi": "TR", "fakultesi": "TR", "enstitusu": "TR", "uniwersytet": "PL", "politechnika": "PL", "sveuciliste": "HR",
        "egyetem": "HU", "yliopisto": "FI", "daigaku": "JP", "univerzitet": "RS", "universitatea": "RO", "panepistimio": "GR",
    ]

    /// Letters printed before a European postcode (`D-76139`, `CH-1015`, `HR–31000`), and the country they stand for.
    static let postcodePrefixes: [String: String] = [
        "F": "FR", "FR": "FR", "D": "DE", "DE": "DE", "I": "IT", "IT": "IT", "CH": "CH", "B": "BE", "BE": "BE", "A": "AT", "AT": "AT",
        "NL": "NL", "DK": "DK", "S": "SE", "SE": "SE", "FI": "FI", "FIN": "FI", "N": "NO", "NO": "NO", "E": "ES", "ES": "ES", "P": "PT",
        "PT": "PT", "PL": "PL", "CZ": "CZ", "GR": "GR", "H": "HU", "HU": "HU", "HR": "HR", "SI": "SI", "SK": "SK", "L": "LU", "LU": "LU",
        "LT": "LT", "LV": "LV", "EE": "EE", "RO": "RO", "BG": "BG", "IS": "IS", "IL": "IL", "IE": "IE",
    ]

    /// US state abbreviations that are also another country's state.
    static let sharedStateAbbreviations: [String: String] = ["WA": "AU"]

    /// Australian states as printed before their four-digit postcode (`Richmond VIC 3121`).
    static let australianStates: Set<String> = ["NSW", "VIC", "QLD", "SA", "WA", "TAS", "ACT", "NT"]

    /// Country-code domains that stand for their country, and `.edu` and `.gov`, which are American.
    /// `.com`, `.org` and `.net` say nothing.
    static func countryCode(ofDomain domain: String) -> String? {
        guard let last = domain.split(separator: ".").last?.lowercased() else { return nil }
        switch last {
        case "edu", "gov", "mil": return "US"
        case "uk": return "GB"
        // `.eu`, `.io`, `.co`, `.tv`, `.me`: used for what they spell, not where they are.
        case "eu", "io", "co", "tv", "me", "ai", "ly", "fm", "cc": return nil
        default:
            return last.count == 2 ? Country.byCode[last.uppercased()]?.code : nil
        }
    }
}
