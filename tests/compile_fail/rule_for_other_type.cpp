// A rule whose check does not take the member's type (a range on a string, or on a bool) is
// refused where the schema is read, not deep inside validation.
#include <ltx/reflect.hpp>

#include <string>

struct named {
    std::string name{};
};
BOOST_DESCRIBE_STRUCT(named, (), (name))
constexpr auto ltx_schema(ltx::reflect::tag<named>) {
    return ltx::reflect::schema(
        ltx::reflect::field<&named::name>(ltx::reflect::rules::range{0, 1}));
}

int main() {
    return static_cast<int>(ltx::reflect::validate(named{}).size());
}
