// Two enumerators may not share a wire name: the engine could encode both but decode only
// one. Refused when the table is used.
#include <ltx/reflect.hpp>

#include <boost/describe/enum.hpp>

enum class colour { red, green, blue };
BOOST_DESCRIBE_ENUM(colour, red, green, blue)
constexpr auto ltx_wire_names(ltx::reflect::tag<colour>) {
    return ltx::reflect::enum_names<colour>(
        {{colour::red, "red"}, {colour::green, "green"}, {colour::blue, "green"}});
}

int main() {
    return static_cast<int>(ltx::reflect::wire_table<colour>.size());
}
