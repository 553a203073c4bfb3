// A schema rule naming a member the description leaves out would never run: refused.
#include <ltx/reflect.hpp>

struct two {
    int a = 0;
    int b = 0;
};
BOOST_DESCRIBE_STRUCT(two, (), (a))
constexpr auto ltx_schema(ltx::reflect::tag<two>) {
    return ltx::reflect::schema(ltx::reflect::field<&two::b>(ltx::reflect::rules::range{0, 1}));
}

int main() {
    return static_cast<int>(ltx::reflect::validate(two{}).size());
}
