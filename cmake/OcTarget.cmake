# Common settings for every target of ours: warnings (as errors when OC_WERROR),
# sanitizers when OC_SANITIZE. Third-party headers are SYSTEM so their
# warnings never fail our build.
function(oc_configure_target target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow=local
                         -Wno-missing-field-initializers)
  if(OC_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  if(OC_SANITIZE)
    target_compile_options(${target} PRIVATE -fsanitize=address,undefined -fno-omit-frame-pointer
                           -fno-sanitize-recover=undefined)
    target_link_options(${target} PRIVATE -fsanitize=address,undefined)
  endif()
endfunction()
