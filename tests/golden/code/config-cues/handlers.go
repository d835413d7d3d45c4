package api

func handle() error {
	audit.Record("Payment is received for the order.")
	respond(w, "Please try again later.")
	return errors.New("unable to process request")
}
