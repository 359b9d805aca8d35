#include "engine/linalg/semantic_vectors.h"

#include <array>
#include <cmath>
#include <map>
#include <random>
#include <string>
#include <utility>
#include <vector>

namespace aimath::linalg {

namespace {

struct Word {
    std::string label;
    std::string cls;
    std::vector<std::pair<std::string, double>> features;
};

using F = std::vector<std::pair<std::string, double>>;

std::vector<Word> vocabulary()
{
    std::vector<Word> w;
    auto add = [&w](std::string label, std::string cls, F f) { w.push_back({std::move(label), std::move(cls), std::move(f)}); };

    // People: gender is one signed direction, age and plural are directions added on top.
    struct Person {
        const char* male;
        const char* female;
        const char* cls;
        F base;
    };
    const std::vector<Person> people{
        {"man", "woman", "people", {{"person", 1}}},
        {"boy", "girl", "people", {{"person", 1}, {"young", 1}}},
        {"king", "queen", "royalty", {{"person", 1}, {"royal", 1}}},
        {"prince", "princess", "royalty", {{"person", 1}, {"royal", 1}, {"young", 1}}},
        {"emperor", "empress", "royalty", {{"person", 1}, {"royal", 1}, {"empire", 1}}},
        {"duke", "duchess", "royalty", {{"person", 1}, {"royal", 0.6}, {"noble", 1}}},
        {"lord", "lady", "royalty", {{"person", 1}, {"noble", 1}}},
        {"father", "mother", "family", {{"person", 1}, {"family", 1}, {"parent", 1}}},
        {"son", "daughter", "family", {{"person", 1}, {"family", 1}, {"child", 1}, {"young", 0.5}}},
        {"brother", "sister", "family", {{"person", 1}, {"family", 1}, {"sibling", 1}}},
        {"uncle", "aunt", "family", {{"person", 1}, {"family", 1}, {"parent", 0.5}, {"sibling", 0.5}}},
        {"nephew", "niece", "family", {{"person", 1}, {"family", 1}, {"child", 0.5}, {"sibling", 0.5}}},
        {"grandfather", "grandmother", "family", {{"person", 1}, {"family", 1}, {"parent", 1}, {"old", 1}}},
        {"husband", "wife", "family", {{"person", 1}, {"family", 1}, {"spouse", 1}}},
        {"actor", "actress", "people", {{"person", 1}, {"stage", 1}}},
        {"waiter", "waitress", "people", {{"person", 1}, {"service", 1}}},
    };
    for (const auto& p : people) {
        F m = p.base, f = p.base;
        m.push_back({"gender", 1});
        f.push_back({"gender", -1});
        add(p.male, p.cls, m);
        add(p.female, p.cls, f);
    }
    // Plurals of the commonest people.
    const std::vector<std::pair<const char*, const char*>> plurals{{"men", "man"}, {"women", "woman"}, {"boys", "boy"},     {"girls", "girl"},
                                                                  {"kings", "king"}, {"queens", "queen"}, {"princes", "prince"}, {"princesses", "princess"}};
    for (const auto& [pl, sg] : plurals)
        for (const auto& word : std::vector<Word>(w))
            if (word.label == sg) {
                F f = word.features;
                f.push_back({"plural", 1});
                add(pl, word.cls, f);
            }

    // Animals: species identity, young and plural forms, a few gendered pairs.
    const std::vector<std::array<const char*, 3>> animals{{"dog", "puppy", "dogs"},   {"cat", "kitten", "cats"}, {"horse", "foal", "horses"},
                                                         {"sheep", "lamb", "flock"},  {"lion", "cub", "lions"},  {"duck", "duckling", "ducks"},
                                                         {"goose", "gosling", "geese"}, {"pig", "piglet", "pigs"}};
    for (const auto& a : animals) {
        const std::string id = std::string("species_") + a[0];
        add(a[0], "animals", {{"animal", 1}, {id, 1}});
        add(a[1], "animals", {{"animal", 1}, {id, 1}, {"young", 1}});
        add(a[2], "animals", {{"animal", 1}, {id, 1}, {"plural", 1}});
    }
    const std::vector<std::array<const char*, 3>> gendered{{"bull", "cow", "cattle"}, {"rooster", "hen", "chicken"}, {"stallion", "mare", "horse"}};
    for (const auto& g : gendered) {
        const std::string id = std::string("species_") + g[2];
        add(g[0], "animals", {{"animal", 1}, {id, 1}, {"gender", 1}});
        add(g[1], "animals", {{"animal", 1}, {id, 1}, {"gender", -1}});
    }

    // Countries and capitals share an identity direction; "country" vs "city" separates them.
    const std::vector<std::pair<const char*, const char*>> capitals{
        {"france", "paris"},   {"germany", "berlin"}, {"italy", "rome"},    {"spain", "madrid"},   {"portugal", "lisbon"},
        {"greece", "athens"},  {"poland", "warsaw"},  {"russia", "moscow"}, {"japan", "tokyo"},    {"china", "beijing"},
        {"egypt", "cairo"},    {"kenya", "nairobi"},  {"peru", "lima"},     {"canada", "ottawa"},  {"austria", "vienna"},
        {"norway", "oslo"},    {"sweden", "stockholm"}, {"ireland", "dublin"}, {"turkey", "ankara"}, {"cuba", "havana"}};
    for (const auto& [country, city] : capitals) {
        const std::string id = std::string("nation_") + country;
        add(country, "countries", {{"place", 1}, {"country", 1}, {id, 1}});
        add(city, "capitals", {{"place", 1}, {"city", 1}, {id, 1}});
    }

    // Verbs: the base form, the past tense and the -ing form.
    const std::vector<std::array<const char*, 4>> verbs{
        {"walk", "walked", "walking", ""}, {"run", "ran", "running", ""},    {"swim", "swam", "swimming", ""}, {"eat", "ate", "eating", ""},
        {"go", "went", "going", ""},       {"see", "saw", "seeing", ""},     {"write", "wrote", "writing", ""}, {"speak", "spoke", "speaking", ""},
        {"take", "took", "taking", ""},    {"sing", "sang", "singing", ""},  {"drive", "drove", "driving", ""}, {"fly", "flew", "flying", ""}};
    for (const auto& v : verbs) {
        const std::string id = std::string("verb_") + v[0];
        add(v[0], "verbs", {{"action", 1}, {id, 1}});
        add(v[1], "verbs", {{"action", 1}, {id, 1}, {"past", 1}});
        add(v[2], "verbs", {{"action", 1}, {id, 1}, {"progressive", 1}});
    }

    // Adjectives: comparative and superlative are directions too.
    const std::vector<std::array<const char*, 3>> adjectives{{"good", "better", "best"},   {"big", "bigger", "biggest"}, {"small", "smaller", "smallest"},
                                                            {"fast", "faster", "fastest"}, {"old", "older", "oldest"},   {"young", "younger", "youngest"},
                                                            {"strong", "stronger", "strongest"}};
    for (const auto& a : adjectives) {
        const std::string id = std::string("adj_") + a[0];
        add(a[0], "adjectives", {{"quality", 1}, {id, 1}});
        add(a[1], "adjectives", {{"quality", 1}, {id, 1}, {"comparative", 1}});
        add(a[2], "adjectives", {{"quality", 1}, {id, 1}, {"superlative", 1}});
    }
    return w;
}

}  // namespace

EmbeddingTable semanticVectors(std::uint64_t seed, double noise)
{
    const std::vector<Word> words = vocabulary();
    std::mt19937_64 gen(seed);
    auto normal = [&gen] {
        // Box–Muller on 53-bit uniforms: the same numbers with every standard library.
        const double u1 = (static_cast<double>(gen() >> 11) + 0.5) * (1.0 / 9007199254740992.0);
        const double u2 = (static_cast<double>(gen() >> 11) + 0.5) * (1.0 / 9007199254740992.0);
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
    };
    // Directions in order of first use, so the set depends only on the vocabulary and the seed.
    std::map<std::string, Eigen::VectorXd> directions;
    auto direction = [&](const std::string& name) -> const Eigen::VectorXd& {
        auto it = directions.find(name);
        if (it == directions.end()) {
            Eigen::VectorXd v(kSemanticDim);
            for (int i = 0; i < kSemanticDim; ++i)
                v(i) = normal();
            it = directions.emplace(name, v.normalized()).first;
        }
        return it->second;
    };
    EmbeddingTable t;
    t.vectors.resize(static_cast<Eigen::Index>(words.size()), kSemanticDim);
    t.source = "semantic";
    for (std::size_t i = 0; i < words.size(); ++i) {
        Eigen::VectorXd v = Eigen::VectorXd::Zero(kSemanticDim);
        for (const auto& [name, weight] : words[i].features)
            v += weight * direction(name);
        for (int j = 0; j < kSemanticDim; ++j)
            v(j) += noise * normal() / std::sqrt(static_cast<double>(kSemanticDim));
        t.vectors.row(static_cast<Eigen::Index>(i)) = v.transpose().cast<float>();
        t.labels.push_back(words[i].label);
        t.classes.push_back(words[i].cls);
    }
    return t;
}

}  // namespace aimath::linalg
