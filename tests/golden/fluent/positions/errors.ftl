card-error =
    Sorry, we could not charge the card because
        you failed to
    enter the code { $code }.
upload-error = { $n ->
    [one] One file is invalid
   *[other] { $n } files are { "invalid" }
        because you failed to
        resize them
}
