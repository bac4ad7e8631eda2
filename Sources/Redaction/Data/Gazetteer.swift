/// Name gazetteers and the word lists that keep them honest, looked up by word hash.
enum Gazetteer {
    /// First names (census) → frequency rank (0 = most common).
    static let firstNames: [UInt64: Int] = {
        var map: [UInt64: Int] = [:]
        for (rank, word) in firstNameList.split(whereSeparator: { $0 == " " || $0 == "\n" }).enumerated() {
            map[WordHash.of(String(word))] = rank
        }
        return map
    }()

    /// Surnames (census) → frequency rank.
    static let surnames: [UInt64: Int] = {
        var map: [UInt64: Int] = [:]
        for (rank, word) in surnameList.split(whereSeparator: { $0 == " " || $0 == "\n" }).enumerated() {
            map[WordHash.of(String(word))] = rank
        }
        return map
    }()

    /// Common English words, including those that are also names (`will`, `may`, `grace`, `long`): a capitalized
    /// word from this list needs more evidence than capitalization to be a name.
    static let commonWords: Set<UInt64> = Set(CommonWords.list.split(whereSeparator: { $0 == " " || $0 == "\n" }).map { WordHash.of(String($0)) })
}
