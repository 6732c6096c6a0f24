import Foundation
import Workbench

/// Where a person lives.
struct PopulationAddress: Hashable, Sendable {
    var number: Int
    var street: String
    /// Index in `FrenchPlaces.departments`.
    var department: Int
    /// 1-based number of the commune in its département.
    var commune: Int

    var departmentCode: String { FrenchPlaces.departments[department].code }
    var communeCode: String { FrenchPlaces.communeCode(FrenchPlaces.departments[department], commune) }
    var postcode: String { FrenchPlaces.postcode(FrenchPlaces.departments[department], commune) }
}

/// One person of a test population as they really are: every record of them is this, corrupted or not.
/// Recomputed from the seed and the person's number whenever needed, never stored.
public struct PopulationPerson: Sendable, Equatable {
    public var index: Int
    let key: UInt64
    public var female: Bool
    var birth: PopulationDate
    public var givenName: String
    public var surname: String
    var address: PopulationAddress
    /// The 13-digit social security number: sex, year and month of birth, département and commune of
    /// birth, order of the birth in that commune and month.
    public var nir: String
    var scheme: String
    var care: PopulationDate
    var diagnosis: String
    /// The other twin of the pair, when the person was born a twin.
    public var twin: Int?

    public var birthDate: String { birth.iso }
}

/// The draws a population makes, shared by every person.
struct PopulationDraws: Sendable {
    /// One per sex and era: the eras' lists differ in length.
    let givenNames: [[WeightedDraw]]
    let compoundTails: WeightedDraw
    let surnames: WeightedDraw
    let roots: WeightedDraw
    let endings: WeightedDraw
    let departments: WeightedDraw
    let communes: [WeightedDraw]
    let streetKinds: WeightedDraw
    let streetNames: WeightedDraw
    let schemes: WeightedDraw
    let diagnoses: WeightedDraw

    static let shared = PopulationDraws()

    private init() {
        givenNames = [FrenchNames.male, FrenchNames.female].map { eras in eras.map { WeightedDraw(count: $0.count, exponent: 1) } }
        compoundTails = WeightedDraw(count: FrenchNames.maleCompoundTails.count, exponent: 0.9)
        surnames = WeightedDraw(count: FrenchNames.surnames.count, exponent: 0.5)
        roots = WeightedDraw(count: FrenchNames.surnameRoots.count, exponent: 0.5)
        endings = WeightedDraw(count: FrenchNames.surnameEndings.count, exponent: 0.6)
        departments = WeightedDraw(weights: FrenchPlaces.departments.map { Double($0.weight) })
        communes = FrenchPlaces.departments.map { WeightedDraw(count: $0.communeCount, exponent: 1) }
        streetKinds = WeightedDraw(count: FrenchPlaces.streetKinds.count, exponent: 1.3)
        streetNames = WeightedDraw(count: FrenchPlaces.streetNames.count, exponent: 0.8)
        schemes = WeightedDraw(weights: FrenchPlaces.schemes.map { Double($0.weight) })
        diagnoses = WeightedDraw(count: FrenchPlaces.diagnoses.count, exponent: 0.9)
    }

    /// A given name for someone born in `year`: the era's list, sometimes a compound.
    func givenName(female: Bool, year: Int, _ random: inout SplitMix64) -> String {
        let era = FrenchNames.eraStarts.firstIndex { year < $0 } ?? FrenchNames.eraStarts.count
        let names = (female ? FrenchNames.female : FrenchNames.male)[era]
        if random.chance(FrenchNames.compoundShare[era]) {
            let heads = female ? FrenchNames.femaleCompoundHeads : FrenchNames.maleCompoundHeads
            let tails = female ? FrenchNames.femaleCompoundTails : FrenchNames.maleCompoundTails
            let head = heads[random.below(heads.count)]
            let tail = tails[compoundTails.draw(&random)]
            if head != tail { return head + "-" + tail }
        }
        return names[givenNames[female ? 1 : 0][era].draw(&random)]
    }

    /// A surname: one of the frequent ones 15% of the time (MARTIN then comes out about 0.5%, as in France),
    /// otherwise composed, which gives the long tail of names a few people share.
    func surname(_ random: inout SplitMix64) -> String {
        if random.chance(0.15) { return FrenchNames.surnames[surnames.draw(&random)] }
        var name = FrenchNames.surnameRoots[roots.draw(&random)]
        if random.chance(0.5) { name += FrenchNames.surnameMiddles[random.below(FrenchNames.surnameMiddles.count)] }
        name += FrenchNames.surnameEndings[endings.draw(&random)]
        if random.chance(0.08) { name = FrenchNames.surnameParticles[random.below(FrenchNames.surnameParticles.count)] + name }
        if random.chance(0.02) { name += "-" + FrenchNames.surnames[surnames.draw(&random)] }
        return name
    }

    func address(_ random: inout SplitMix64, department: Int? = nil, avoiding old: Int? = nil) -> PopulationAddress {
        let department = department ?? departments.draw(&random)
        var commune = 1 + communes[department].draw(&random)
        if commune == old { commune = commune % FrenchPlaces.departments[department].communeCount + 1 }
        let street = FrenchPlaces.streetKinds[streetKinds.draw(&random)] + " " + FrenchPlaces.streetNames[streetNames.draw(&random)]
        return PopulationAddress(number: 1 + min(299, random.geometric(mean: 25)), street: street, department: department, commune: commune)
    }

    func diagnosis(_ random: inout SplitMix64) -> String {
        if random.chance(0.9) { return FrenchPlaces.diagnoses[diagnoses.draw(&random)] }
        // An ICD-10-shaped code outside the frequent list: chapters A to T, a category, often a subdivision.
        let letters = Array("ABCDEFGHIJKLMNOPQRST")
        var code = String(letters[random.below(letters.count)]) + FrenchPlaces.padded(random.below(100), 2)
        if random.chance(0.7) { code += String(random.below(10)) }
        return code
    }
}

/// Sub-streams of a person, keyed by name so that adding one never shifts another.
enum PersonStream {
    static let twin = SplitMix64.key("twin")
    static let family = SplitMix64.key("family")
    static let given = SplitMix64.key("given name")
    static let care = SplitMix64.key("care")
    static let spouse = SplitMix64.key("spouse")
    static let moved = SplitMix64.key("moved")
    static let record = SplitMix64.key("record")
}

extension PopulationPerson {
    /// Person `index` of a population of `count` people drawn from `seed`. People come in slots of two; a
    /// slot is a pair of twins with probability `twins`: same sex, birth date, surname and address, and
    /// consecutive social security numbers, but given names of their own.
    init(index: Int, count: Int, seed: UInt64, twins: Double, referenceYear: Int) {
        let draws = PopulationDraws.shared
        self.index = index
        key = SplitMix64.key(seed, UInt64(index))
        var slotRandom = SplitMix64(seed: SplitMix64.key(SplitMix64.key(seed, PersonStream.twin), UInt64(index / 2)))
        let sibling = index ^ 1
        let isTwin = sibling < count && slotRandom.chance(twins)
        twin = isTwin ? sibling : nil
        let first = isTwin ? index & ~1 : index

        var family = SplitMix64(seed: SplitMix64.key(SplitMix64.key(seed, UInt64(first)), PersonStream.family))
        female = family.chance(0.515)
        // Ages roughly as the French pyramid, thinning after 60.
        let age = Int(100 * pow(family.unit(), 1.15))
        birth = PopulationDate.random(in: referenceYear - 1 - age, &family)
        surname = draws.surname(&family)
        address = draws.address(&family)
        let department = FrenchPlaces.departments[address.department]
        let birthCommune = 1 + draws.communes[address.department].draw(&family)
        let order = 1 + family.below(998) + (index == first ? 0 : 1)
        let place =
            department.isOverseas ? department.code + FrenchPlaces.padded(birthCommune, 2) : department.digits + FrenchPlaces.padded(birthCommune, 3)
        nir =
            (female ? "2" : "1") + FrenchPlaces.padded(birth.year % 100, 2) + FrenchPlaces.padded(birth.month, 2) + place
            + FrenchPlaces.padded(order, 3)

        var given = SplitMix64(seed: SplitMix64.key(key, PersonStream.given))
        var name = draws.givenName(female: female, year: birth.year, &given)
        if isTwin, index != first {
            var firstGiven = SplitMix64(seed: SplitMix64.key(SplitMix64.key(seed, UInt64(first)), PersonStream.given))
            let firstName = draws.givenName(female: female, year: birth.year, &firstGiven)
            while name == firstName { name = draws.givenName(female: female, year: birth.year, &given) }
        }
        givenName = name

        var care = SplitMix64(seed: SplitMix64.key(key, PersonStream.care))
        scheme = FrenchPlaces.schemes[draws.schemes.draw(&care)].code
        self.care = max(birth, PopulationDate.random(in: referenceYear - 5 + care.below(5), &care))
        diagnosis = draws.diagnosis(&care)
    }

    /// The name a married woman may use: her spouse's, sometimes joined to her own.
    var marriedName: String {
        var random = SplitMix64(seed: SplitMix64.key(key, PersonStream.spouse))
        var spouse = PopulationDraws.shared.surname(&random)
        while spouse == surname { spouse = PopulationDraws.shared.surname(&random) }
        return random.chance(0.25) ? surname + "-" + spouse : spouse
    }

    /// The address the person moved to: the same département six times in ten, another commune.
    var movedAddress: PopulationAddress {
        var random = SplitMix64(seed: SplitMix64.key(key, PersonStream.moved))
        let draws = PopulationDraws.shared
        let department = random.chance(0.6) ? address.department : draws.departments.draw(&random)
        return draws.address(&random, department: department, avoiding: department == address.department ? address.commune : nil)
    }

    func age(at year: Int) -> Int { year - birth.year }
}
