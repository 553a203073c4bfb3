// A wire-name table must name each enumerator exactly once: one that leaves an enumerator
// out would let the engine encode a value it cannot name. Refused when the table is used.
#include <ltx/reflect.hpp>

#include <boost/describe/enum.hpp>

enum class colour { red, green, blue };
BOOST_DESCRIBE_ENUM(colour, red, green, blue)
constexpr auto ltx_wire_names(ltx::reflect::tag<colour>) {
    return ltx::reflect::enum_names<colour>({{colour::red, "red"}, {colour::green, "green"}});
}

int main() {
    return static_cast<int>(ltx::reflect::wire_table<colour>.size());
}
