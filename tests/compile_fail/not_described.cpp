// A type that is not described cannot be encoded: the engine refuses it with one readable
// static_assert instead of a template backtrace.
#include <ltx/reflect.hpp>

struct plain {
    int x = 0;
};

int main() {
    return static_cast<int>(ltx::reflect::to_json(plain{}).size());
}
